import type { Page } from "playwright-core";
import { useServerAndBrowser, waitForMap } from "./support/browser";
import { mapBoxes, overlappingPairs, smallestLabelPx } from "./support/legibility";

// Issue 11: organisations of one kind are grouped ("5 other organisations") and open on a click;
// the hop limit's cut is drawn on the map; presenting mode fills a 1280x720 projector.

const STOKES_WOOD = "stokes-wood-primary-school";
const env = useServerAndBrowser();

afterEach(() => {
  const problems = env.browser.problems.splice(0);
  expect(problems).toEqual([]);
});

/** The group nodes on the map: id, member count and label. */
function groupNodes(page: Page): Promise<{ id: string; members: number; label: string }[]> {
  return page.evaluate(() =>
    window
      .__onwardCy!.nodes("[members]")
      .map((n) => ({ id: n.id(), members: n.data("members") as number, label: n.data("label") as string })),
  );
}

/** Taps a node the way a pointer would, at its place on screen. */
async function clickNode(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((nodeId) => {
    const cy = window.__onwardCy!;
    const at = cy.getElementById(nodeId).renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

describe("groups on the map", () => {
  it("draws a group node that says what it hides, opens on a click and closes again", async () => {
    const { page } = env.browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}`);
    await waitForMap(page);
    const groups = await groupNodes(page);
    expect(groups.length).toBeGreaterThan(0);
    const group = groups[0];
    expect(group.members).toBeGreaterThan(4);
    expect(group.label).toMatch(new RegExp(`^${group.members} [a-z ]+\\n\\(click to list\\)$`));
    const nodesBefore = await page.evaluate(() => window.__onwardCy!.nodes().length);
    const bar = page.getByTestId("groups-bar");
    expect(await bar.textContent()).toMatch(/^\d+ of \d+ organisations shown on their own; the rest are grouped by kind: Show the /);
    await page.mouse.move(0, 0);
    await env.browser.screenshot("groups-collapsed-1440x900");

    await clickNode(page, group.id);
    await page.waitForFunction((id) => new URL(location.href).searchParams.get("open") === id, group.id);
    await page.waitForFunction((n) => window.__onwardCy!.nodes().length === n, nodesBefore + group.members - 1);
    expect((await groupNodes(page)).map((g) => g.id)).not.toContain(group.id);
    expect(overlappingPairs(await mapBoxes(page))).toEqual([]);
    expect(await smallestLabelPx(page)).toBeGreaterThanOrEqual(12);
    await env.browser.screenshot("groups-expanded-1440x900");

    await bar.getByRole("button", { name: /^Group the .* again$/ }).click();
    await page.waitForFunction((n) => window.__onwardCy!.nodes().length === n, nodesBefore);
    expect(new URL(page.url()).searchParams.has("open")).toBe(false);
  });

  it("draws the hop limit's cut as a note that shows one more hop", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&hops=1`);
    await waitForMap(page);
    const note = await page.evaluate(() => window.__onwardCy!.nodes("[?more]").map((n) => n.data("label") as string));
    expect(note).toHaveLength(1);
    expect(note[0]).toMatch(/^\d+ more organisations? beyond 1 hop\n\(click for one more hop\)$/);
    await clickNode(page, "more~beyond");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("hops") === "2");
    // Let the new hop's questions finish, so the next test's navigation aborts none of them.
    await waitForMap(page);
    await page.waitForSelector(".governors .sentences li");
  });
});

describe("presenting mode", () => {
  it("hides the filters, states the focus and the date in a heading, and draws names of at least 16 px", async () => {
    const { page } = env.browser;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&asof=2019-06-01`);
    await waitForMap(page);
    await page.getByRole("button", { name: "Present" }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("present") === "1");
    await waitForMap(page);
    await page.waitForFunction(() => parseFloat(String(window.__onwardCy!.nodes().first().style("font-size"))) > 15);
    const heading = page.locator("h2.presenting-title");
    expect(await heading.textContent()).toBe("Where ethnicity from Stokes Wood Primary School can go, within 2 hops: as the notices stood on 2019-06-01");
    expect(await page.locator(".sidebar").isVisible()).toBe(false);
    expect(await page.locator(".app-header").isVisible()).toBe(false);
    expect(await smallestLabelPx(page)).toBeGreaterThanOrEqual(16);
    expect(overlappingPairs(await mapBoxes(page))).toEqual([]);
    // The map fills the screen below the heading.
    const map = (await page.getByTestId("flow-map").boundingBox())!;
    expect(map.width).toBeGreaterThan(1280 * 0.6);
    expect(map.y + map.height).toBeLessThanOrEqual(720);
    expect(map.height).toBeGreaterThan(720 * 0.55);
    await env.browser.screenshot("presenting-1280x720");
    // The hop limit's cut is said above the map too, inside the screen, with a button (the note on
    // the map can lie beyond the screen's right edge when names are drawn this large).
    const cut = page.getByTestId("groups-bar").locator("p", { hasText: "beyond 2 hops" });
    const count = Number((await page.evaluate(() => window.__onwardCy!.nodes("[?more]").map((n) => n.data("label") as string)))[0].split(" ")[0]);
    expect(count).toBeGreaterThan(0);
    expect(await cut.textContent()).toBe(`${count} more organisation${count === 1 ? "" : "s"} beyond 2 hops, not drawn. Draw the next hop`);
    const box = (await cut.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    await cut.getByRole("button", { name: "Draw the next hop" }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("hops") === "3");
    await waitForMap(page);
    await page.getByRole("button", { name: "Stop presenting" }).click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("present"));
    expect(await page.locator(".sidebar").isVisible()).toBe(true);
  });
});
