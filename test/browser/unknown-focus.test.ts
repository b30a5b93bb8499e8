import { todayIso } from "../../client/src/state/view-state";
import type { Page } from "playwright-core";
import { idsWithClass, useServerAndBrowser } from "./support/browser";

// A link whose focus the register does not have (issue 8): e.g. made before an import renamed or
// removed the organisation. The map says so beside the focus control and still draws the register.

const env = useServerAndBrowser();
const UNKNOWN = "no-such-school-since-the-import";

/** Waits until the map has drawn a view with no focus to highlight from. */
async function waitForUnfocusedMap(page: Page): Promise<void> {
  await page.waitForSelector('.map-area[data-reach="no-focus"]', { timeout: 20_000 });
  await page.waitForFunction(() => {
    const map = document.querySelector<HTMLElement>('[data-testid="flow-map"]');
    return map?.dataset.ready === "true" && map.dataset.layoutKey === "register|" && map.dataset.highlightFor === "" && window.__onwardCy !== undefined;
  });
}

/** Organisations on the map: a group node stands for its members. */
function organisationsDrawn(page: Page): Promise<number> {
  return page.evaluate(() => window.__onwardCy!.nodes().reduce((sum, node) => sum + ((node.data("members") as number | undefined) ?? 1), 0));
}

/** How many organisations the register has. */
async function registerSize(): Promise<number> {
  return (await registerCounts()).organisations;
}

interface HeldFlow {
  from: { id: string };
  to: { id: string };
  level: string;
  basis: string;
  heldFrom: string | null;
  heldTo: string | null;
}

/** The organisations, and the arrows the map draws today: one per sender, recipient, level and basis among flows held today. */
async function registerCounts(): Promise<{ organisations: number; flowsToday: number; arrowsToday: number }> {
  const response = await fetch(env.server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ organisations { id } flows { from { id } to { id } level basis heldFrom heldTo } }" }),
  });
  const body = (await response.json()) as { data: { organisations: unknown[]; flows: HeldFlow[] } };
  const today = todayIso();
  const held = body.data.flows.filter((f) => (f.heldFrom === null || f.heldFrom <= today) && (f.heldTo === null || today <= f.heldTo));
  return { organisations: body.data.organisations.length, flowsToday: held.length, arrowsToday: new Set(held.map((f) => `${f.from.id}|${f.to.id}|${f.level}|${f.basis}`)).size };
}

afterEach(() => {
  // Every test fails on a console error, a failed request or a request off this machine.
  const problems = env.browser.problems.splice(0);
  expect(problems).toEqual([]);
});

describe("a map view whose focus is unknown", () => {
  it("says so beside the focus control and draws the whole register", async () => {
    const { page } = env.browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.server.base}/?org=${UNKNOWN}&field=ethnicity`);
    await waitForUnfocusedMap(page);

    // The message is in the focus control, names the id, and says what to do.
    const focusControl = page.locator('section[aria-labelledby="focus-title"]');
    const message = focusControl.getByTestId("focus-missing");
    expect(await message.getAttribute("role")).toBe("alert");
    const text = (await message.textContent()) ?? "";
    expect(text).toContain(`No organisation has the id ${UNKNOWN} in this register`);
    expect(text).toMatch(/Pick another/);
    expect(await message.getByRole("button", { name: "Clear the focus" }).isVisible()).toBe(true);
    // Not a bare "Not found" problem above an empty map.
    expect(await page.locator(".map-area .problem").count()).toBe(0);

    // The whole register is drawn, with nothing highlighted or faded.
    // The map opens on today's date, so its arrows are the flows held today.
    const { organisations, flowsToday, arrowsToday } = await registerCounts();
    expect(arrowsToday).toBeGreaterThan(30);
    expect(await organisationsDrawn(page)).toBe(organisations);
    // Leaves of one kind are grouped (legibility.test.ts); opened, every arrow held today is drawn.
    expect(await page.evaluate(() => window.__onwardCy!.nodes().length)).toBeLessThan(organisations);
    expect(await idsWithClass(page, "focus")).toEqual([]);
    expect(await idsWithClass(page, "reached")).toEqual([]);
    expect(await page.getByTestId("reach-summary").textContent()).toBe(
      `The focus is unknown, so nothing is highlighted: the map shows the whole register, ${organisations} organisations and ${flowsToday} flows.`,
    );
    expect(await page.getByRole("radio", { name: "The whole register" }).isChecked()).toBe(true);
    // The link still says what was asked for.
    expect(new URL(page.url()).searchParams.get("org")).toBe(UNKNOWN);
    await env.browser.screenshot("unknown-focus-1440x900");
    await page.goto(`${env.server.base}/?org=${UNKNOWN}&field=ethnicity&open=all`);
    await waitForUnfocusedMap(page);
    expect(await page.evaluate(() => window.__onwardCy!.nodes().length)).toBe(organisations);
    expect(await page.evaluate(() => window.__onwardCy!.edges().length)).toBe(arrowsToday);
    await page.goto(`${env.server.base}/?org=${UNKNOWN}&field=ethnicity`);
    await waitForUnfocusedMap(page);

    // Opened afresh on a smaller screen (the map fits itself to the window it is drawn in).
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.reload();
    await waitForUnfocusedMap(page);
    expect(await message.isVisible()).toBe(true);
    const box = (await message.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(720);
    await env.browser.screenshot("unknown-focus-1280x720");
  });

  it("clears the focus, then takes a new one from the map", async () => {
    const { page } = env.browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.server.base}/?org=${UNKNOWN}`);
    await waitForUnfocusedMap(page);
    await page.getByRole("button", { name: "Clear the focus" }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("org") === "");
    const message = page.getByTestId("focus-missing");
    expect(await message.textContent()).toMatch(/^No focus\. Pick an organisation/);
    expect(await message.getAttribute("role")).toBeNull();
    expect(await page.getByTestId("reach-summary").textContent()).toMatch(/^No focus, so nothing is highlighted/);
    expect(await organisationsDrawn(page)).toBe(await registerSize());

    // Reloading the cleared view keeps it cleared.
    await page.reload();
    await waitForUnfocusedMap(page);
    expect(await page.getByTestId("focus-missing").textContent()).toMatch(/^No focus\./);

    // A node on the map, then "Focus the map on ...": the highlight comes back.
    await page.evaluate(() => {
      window.__onwardCy!.getElementById("dfe").emit("tap");
    });
    await page.getByRole("button", { name: /^Focus the map on / }).click();
    await page.waitForSelector('.map-area[data-reach="ready"]', { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="flow-map"]')?.dataset.highlightFor === "dfe");
    expect(await idsWithClass(page, "focus")).toEqual(["dfe"]);
    expect(await page.getByTestId("focus-missing").count()).toBe(0);
  });

  it("treats a focus the server no longer has (removed since the page loaded) the same way", async () => {
    const { page } = env.browser;
    // The register listed it when the page loaded, but the server now answers NOT_FOUND for it.
    await page.route("**/graphql", async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: { from?: string } } | null;
      if (body?.operationName !== "Reach") return route.continue();
      await route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          data: null,
          errors: [{ message: `No organisation has the id \`${body.variables?.from}\`.`, path: ["recipientsReport"], extensions: { code: "NOT_FOUND", kind: "organisation" } }],
        }),
      });
    });
    try {
      await page.goto(`${env.server.base}/?org=npd`);
      await waitForUnfocusedMap(page);
      const text = (await page.getByTestId("focus-missing").textContent()) ?? "";
      expect(text).toContain("No organisation has the id npd in this register any more");
      expect(await organisationsDrawn(page)).toBe(await registerSize());
      expect(await idsWithClass(page, "focus")).toEqual([]);
    } finally {
      await page.unroute("**/graphql");
    }
  });
});
