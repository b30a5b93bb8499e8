import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { useServerAndBrowser, waitForMap } from "./support/browser";

// axe-core's WCAG 2.1 A and AA rules on the map page: a focused view, a field chosen, and with
// an organisation's or an arrow's details open (issue 11).

const STOKES_WOOD = "stokes-wood-primary-school";
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const env = useServerAndBrowser();

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe in the page (evaluated over the DevTools protocol, so the page's CSP does not block it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

afterEach(() => {
  const problems = env.browser.problems.splice(0);
  expect(problems).toEqual([]);
});

describe("the map page's accessibility (axe-core, WCAG 2.1 A and AA)", () => {
  it("finds no violation in the focused view", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}`);
    await waitForMap(page);
    await page.waitForSelector("table.recipients");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("finds no violation with a field chosen", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    await page.waitForSelector("table.recipients");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("finds no violation with an organisation's details open", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&sel=org:dfe`);
    await waitForMap(page);
    await page.waitForSelector(".details-organisation");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("finds no violation with an arrow's details open, and says which of its flows carry the field", async () => {
    const { page } = env.browser;
    const edgeId = `${STOKES_WOOD}->leicester-city-council:individual:stated`;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&sel=edge:${encodeURIComponent(edgeId)}`);
    await waitForMap(page);
    await page.waitForSelector(".details-flow");
    const carriage = page.getByTestId("field-carriage");
    await carriage.waitFor();
    expect(await carriage.locator("li").first().textContent()).toMatch(/^(Yes|Possibly): \d+ flows? (carries|carry|may carry) ethnicity/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("finds no violation in presenting mode", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&present=1`);
    await waitForMap(page);
    expect(await axeViolations(page)).toEqual([]);
  });
});
