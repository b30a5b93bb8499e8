import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { serve, writeSyntheticRegister } from "../../bench/client-speed";
import { LINE_STYLES_MIN_ZOOM } from "../../client/src/graph/stylesheet";
import { LARGE_VIEW_ELEMENTS } from "../../client/src/graph/visuals";
import { SEEDS_DIR } from "../support/server";
import { openBrowser, waitForMap, type Browser } from "./support/browser";

// Issue 11: a national-scale view (the seed plus bench:client's synthetic register, about 3,000
// elements with every group open) is drawn by the renderer that is fastest on this machine, and
// re-highlighting a field already shown asks the server nothing.

let work: string;
let national: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "onward-national-"));
  writeSyntheticRegister(join(work, "synthetic"));
  national = await serve([SEEDS_DIR, join(work, "synthetic")]);
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await national?.close();
  rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  expect(browser.problems.splice(0)).toEqual([]);
});

const WHOLE = "org=syn-school-001&field=ethnicity&hops=3&view=register&open=all";

/** The Reach questions the page sends from now on. */
function watchReachQuestions(page: Page): { count(): number; stop(): void } {
  let count = 0;
  const seen = (request: { url(): string; postData(): string | null }) => {
    if (request.url().endsWith("/graphql") && (request.postData() ?? "").includes("query Reach(")) count++;
  };
  page.on("request", seen);
  return { count: () => count, stop: () => page.off("request", seen) };
}

async function chooseField(page: Page, field: string): Promise<void> {
  await page.selectOption("#field-select", field);
  const label = await page.$eval(`#field-select option[value="${field}"]`, (o) => o.textContent ?? "");
  await page.waitForFunction((text) => document.querySelector('[data-testid="reach-summary"]')?.textContent?.startsWith(`${text} from `), label);
  await waitForMap(page);
}

describe("the national view", () => {
  it("draws thousands of elements with the 2D canvas where WebGL is only emulated, and marks when they are on it", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${national.base}/?${WHOLE}`);
    await waitForMap(page);
    const map = page.getByTestId("flow-map");
    expect(Number(await map.getAttribute("data-elements"))).toBeGreaterThan(LARGE_VIEW_ELEMENTS * 5);
    // Headless Chromium here has no graphics card: its WebGL is SwiftShader, slower than canvas.
    const gpu = await page.evaluate(() => {
      const gl = document.createElement("canvas").getContext("webgl2");
      const info = gl?.getExtension("WEBGL_debug_renderer_info");
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "none";
    });
    expect(gpu).toMatch(/SwiftShader|none/);
    expect(await map.getAttribute("data-renderer")).toBe("canvas");
    // The first frame Cytoscape renders after the highlight is marked (bench:client reads it).
    await page.waitForFunction(() => {
      const highlighted = Math.max(...performance.getEntriesByName("onward:map-highlighted").map((e) => e.startTime));
      return performance.getEntriesByName("onward:map-rendered").some((e) => e.startTime >= highlighted);
    });
    await page.mouse.move(0, 0);
    await browser.screenshot("national-1440x900");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${national.base}/?org=dfe&field=ethnicity&view=focus`);
    await waitForMap(page);
    // A register this large opens at one hop unless the link says otherwise.
    expect(new URL(page.url()).searchParams.get("hops")).toBe("1");
    await browser.screenshot("national-dfe-one-hop-1280x720");
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  it("keeps ?renderer=canvas in the address when the view is written back to it and changed", async () => {
    const { page } = browser;
    await page.goto(`${national.base}/?${WHOLE}&renderer=canvas`);
    await waitForMap(page);
    expect(new URL(page.url()).searchParams.get("renderer")).toBe("canvas");
    await chooseField(page, "gender");
    expect(new URL(page.url()).searchParams.get("renderer")).toBe("canvas");
    expect(await page.getByTestId("flow-map").getAttribute("data-renderer")).toBe("canvas");
  });

  it("asks the server nothing when the reader goes back to a field already shown", async () => {
    const { page } = browser;
    await page.goto(`${national.base}/?${WHOLE}`);
    await waitForMap(page);
    const asked = watchReachQuestions(page);
    try {
      await chooseField(page, "gender");
      expect(asked.count()).toBe(1);
      await chooseField(page, "ethnicity");
      await chooseField(page, "gender");
      expect(asked.count()).toBe(1);
      const reached = await page.evaluate(() => window.__onwardCy!.$(".reached").length);
      expect(reached).toBeGreaterThan(0);
    } finally {
      asked.stop();
    }
  });
  it("draws arrowheads and dashes only once zoomed in as far as the names appear", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${national.base}/?${WHOLE}`);
    await waitForMap(page);
    const styles = () =>
      page.evaluate(() => {
        const cy = window.__onwardCy!;
        const of = (level: string) => cy.edges(`[level = "${level}"]`).first().style("line-style");
        const aggregate = cy.edges('[level = "AGGREGATE"]').first();
        return { zoom: cy.zoom(), individual: of("INDIVIDUAL"), aggregate: of("AGGREGATE"), arrow: aggregate.style("target-arrow-shape"), curve: aggregate.style("curve-style") };
      });
    // Zoomed out, every level is drawn as a plain solid line (told apart by width; the toolbar
    // says to zoom in for arrowheads and dashes)...
    const out = await styles();
    expect(out.zoom).toBeLessThan(LINE_STYLES_MIN_ZOOM);
    expect(out).toMatchObject({ individual: "solid", aggregate: "solid", arrow: "none", curve: "haystack" });
    expect(await page.getByText("Large view: zoom in for the names, arrowheads and dashed lines.").isVisible()).toBe(true);
    // ...and dashed arrows again once zoomed in as far as the names appear, then plain when zoomed out.
    await page.evaluate((zoom) => void window.__onwardCy!.zoom(zoom), LINE_STYLES_MIN_ZOOM);
    expect(await styles()).toMatchObject({ individual: "solid", aggregate: "dashed", arrow: "vee", curve: "straight" });
    await page.evaluate((zoom) => void window.__onwardCy!.zoom(zoom), LINE_STYLES_MIN_ZOOM / 2);
    expect(await styles()).toMatchObject({ aggregate: "solid", arrow: "none" });
  });

  it("re-highlights for another field without resizing the map", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${national.base}/?${WHOLE}`);
    await waitForMap(page);
    // Every Cytoscape "resize" redraws the whole map: a new summary or highlight must not cause one
    // (Cytoscape resizes on any change of its container's attributes, such as its aria-label).
    await page.evaluate(() => {
      const w = window as unknown as { __resizes: number; __lastResize: number };
      w.__resizes = 0;
      w.__lastResize = performance.now();
      window.__onwardCy!.on("resize", () => {
        w.__resizes++;
        w.__lastResize = performance.now();
      });
    });
    // The page first settles. Cytoscape resizes (debounced 100 ms) on its ResizeObserver's first
    // report, which every observed element gets once, and on any late change to the layout of
    // the first drawing: on a busy machine that can land after the map says it is ready, and it
    // is not the re-highlight's (one CI run counted 1 here; none of 17 runs under load
    // reproduced it). Settled means 400 ms without one (at most 5 s). The map's size is compared
    // too, so a failure says whether it changed.
    await page.waitForFunction(() => performance.now() - (window as unknown as { __lastResize: number }).__lastResize > 400, undefined, { timeout: 5000, polling: 50 });
    const sizeNow = () => page.evaluate(() => `${window.__onwardCy!.width()}x${window.__onwardCy!.height()}`);
    const before = await sizeNow();
    await page.evaluate(() => ((window as unknown as { __resizes: number }).__resizes = 0));
    for (const field of ["gender", "sen"]) await chooseField(page, field);
    // Cytoscape's own observer waits 100 ms before it resizes.
    await page.waitForTimeout(400);
    const resizes = await page.evaluate(() => (window as unknown as { __resizes: number }).__resizes);
    expect({ resizes, size: await sizeNow() }).toEqual({ resizes: 0, size: before });
  });
});
