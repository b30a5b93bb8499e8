import { useServerAndBrowser, waitForMap } from "./support/browser";
import { labelledEdges, mapBoxes, overlappingPairs, smallestLabelPx } from "./support/legibility";

// Issue 11: the Stokes Wood views read at a glance on a laptop and on a 1280x720 projector: no
// name overlaps another name or a node, names are at least 12 px on screen around a focus, and
// no arrow carries a label until it is selected.

const STOKES_WOOD = "stokes-wood-primary-school";
const env = useServerAndBrowser();

afterEach(() => {
  const problems = env.browser.problems.splice(0);
  expect(problems).toEqual([]);
});

const VIEWS = [
  { name: "any-field", query: `?org=${STOKES_WOOD}`, focused: true },
  { name: "ethnicity", query: `?org=${STOKES_WOOD}&field=ethnicity`, focused: true },
  { name: "ethnicity-3-hops", query: `?org=${STOKES_WOOD}&field=ethnicity&hops=3`, focused: true },
  { name: "register-today", query: `?org=${STOKES_WOOD}&view=register`, focused: false },
  { name: "register-2019", query: `?org=${STOKES_WOOD}&view=register&asof=2019-06-01`, focused: false },
];
const SCREENS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** Opens Stokes Wood's ethnicity map at this size with its arrow to the DfE selected; returns that arrow's id. */
async function openWithArrowSelected(screen: { width: number; height: number }): Promise<string> {
  const { page } = env.browser;
  await page.setViewportSize(screen);
  const edgeId = `${STOKES_WOOD}->dfe:individual:stated`;
  await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&sel=edge:${encodeURIComponent(edgeId)}`);
  await waitForMap(page);
  return edgeId;
}

describe("the map's legibility", () => {
  for (const screen of SCREENS) {
    for (const view of VIEWS) {
      it(`has no overlapping names and readable type: ${view.name} at ${screen.width}x${screen.height}`, async () => {
        const { page } = env.browser;
        await page.setViewportSize(screen);
        await page.goto(`${env.server.base}/${view.query}`);
        await waitForMap(page);
        const boxes = await mapBoxes(page);
        expect(boxes.filter((b) => b.what === "label").length).toBeGreaterThan(5);
        expect(overlappingPairs(boxes)).toEqual([]);
        expect(await labelledEdges(page)).toEqual([]);
        const smallest = await smallestLabelPx(page);
        // Around a focus names are at least 12 px; the whole register is an overview, at least 10.
        expect(smallest).toBeGreaterThanOrEqual(view.focused ? 12 : 10);
        await env.browser.screenshot(`legibility-${view.name}-${screen.width}x${screen.height}`);
      });
    }
  }

  it("counts an overlap when two names are made to collide (the check can fail)", async () => {
    const { page } = env.browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}`);
    await waitForMap(page);
    await page.evaluate(() => {
      const cy = window.__onwardCy!;
      cy.getElementById("dfe").position({ ...cy.getElementById("leicester-city-council").position() });
    });
    const pairs = overlappingPairs(await mapBoxes(page));
    expect(pairs).toContain("label of dfe / label of leicester-city-council");
    expect(pairs).toContain("node of dfe / node of leicester-city-council");
  });

  it("shows a selected arrow's fields on the map, and a hovered one's in a tooltip", async () => {
    const { page } = env.browser;
    const edgeId = await openWithArrowSelected({ width: 1440, height: 900 });
    expect(await labelledEdges(page)).toEqual([edgeId]);

    const point = await page.evaluate((id) => {
      const cy = window.__onwardCy!;
      const edge = cy.getElementById(id);
      const mid = edge.midpoint();
      const box = cy.container()!.getBoundingClientRect();
      return { x: box.left + mid.x * cy.zoom() + cy.pan().x, y: box.top + mid.y * cy.zoom() + cy.pan().y };
    }, edgeId);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByRole("tooltip");
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/^Stokes Wood Primary School → Department for Education: .+ \(individual records\)\. Click for details\.$/);
  });

  it("keeps the legend and a selected arrow's details beside the map at 1280x720, clear of the table", async () => {
    const { page } = env.browser;
    await openWithArrowSelected({ width: 1280, height: 720 });
    await page.locator(".side-column .details").getByRole("heading").first().waitFor();
    const layout = await page.evaluate(() => {
      const column = document.querySelector<HTMLElement>(".side-column")!;
      const box = column.getBoundingClientRect();
      const legend = column.querySelector(".legend")!.getBoundingClientRect();
      const details = column.querySelector(".details")!.getBoundingClientRect();
      return {
        legendTop: legend.top,
        detailsTop: details.top,
        detailsShown: Math.min(details.bottom, box.bottom, window.innerHeight) - details.top,
        columnBottom: box.bottom,
        tableTop: document.querySelector(".table-area")!.getBoundingClientRect().top,
        clips: getComputedStyle(column).overflowY !== "visible",
        lowest: Math.max(...[...column.children].map((child) => child.getBoundingClientRect().bottom)),
      };
    });
    // The legend at the top, and the details start inside the window with room to read (before,
    // they sat below the legend, off screen, and ran over the table).
    expect(layout.legendTop).toBeLessThan(100);
    expect(layout.detailsTop).toBeLessThan(720 - 150);
    expect(layout.detailsShown).toBeGreaterThanOrEqual(150);
    // Nothing of the column lies over the table: it ends above it, and what it holds either
    // ends inside it or is scrolled inside it.
    expect(layout.columnBottom).toBeLessThanOrEqual(layout.tableTop);
    expect(layout.clips || layout.lowest <= layout.columnBottom).toBe(true);
    await page.locator("#table-title").scrollIntoViewIfNeeded();
    await env.browser.screenshot("details-beside-map-1280x720");

    // With nothing selected the details are a one-line hint, and the legend keeps the room: its
    // arrows and its highlight key both show without scrolling it.
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    const unselected = await page.evaluate(() => {
      const legend = document.querySelector(".side-column .legend")!.getBoundingClientRect();
      const highlightKey = [...document.querySelectorAll(".side-column .legend h3")].find((h) => h.textContent === "Highlight")!.getBoundingClientRect();
      const hint = document.querySelector(".side-column .details p.muted")!.getBoundingClientRect();
      const details = document.querySelector(".side-column .details")!.getBoundingClientRect();
      const column = document.querySelector(".side-column")!.getBoundingClientRect();
      return { highlightKeyBottom: highlightKey.bottom, legendBottom: legend.bottom, hintBottom: hint.bottom, shownTo: Math.min(details.bottom, column.bottom) };
    });
    expect(unselected.highlightKeyBottom).toBeLessThanOrEqual(unselected.legendBottom);
    expect(unselected.hintBottom).toBeLessThanOrEqual(unselected.shownTo);
  });
});
