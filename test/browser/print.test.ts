import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { waitForMap, useServerAndBrowser } from "./support/browser";

const env = useServerAndBrowser();

/** Pages in a PDF Chromium wrote: one `/Type /Page` object per page. */
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;

describe("the governors' printout", () => {
  it("fits Stokes Wood's ethnicity summary on one A4 page, with the date it describes, quoting each source once", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=stokes-wood-primary-school&field=ethnicity&asof=2019-06-01`);
    await waitForMap(page);
    await page.waitForSelector(".governors .sentences li");
    // What the print button does before window.print(): draw the diagram into the summary's image.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await page.waitForFunction(() => (document.querySelector(".governors img.print-map") as HTMLImageElement | null)?.complete === true);
    expect(await page.locator(".governors > p").first().textContent()).toContain("As the notices stood on 2019-06-01.");
    const sentences = await page.locator(".governors .sentences > li > p").allTextContents();
    expect(sentences.length).toBeGreaterThan(10);
    // The notice only puts ethnicity inside "pupil information" or the census: never more than "may pass".
    expect(sentences.filter((s) => s.startsWith("Stokes Wood Primary School passes"))).toEqual([]);
    // Every sentence cites its sources by number; every number names a source listed once.
    const listed = await page.locator(".governors ol.sources > li").evaluateAll((items) => items.map((li) => ({ id: li.id, text: li.textContent ?? "" })));
    expect(listed.length).toBeGreaterThan(3);
    expect(new Set(listed.map((l) => l.text)).size).toBe(listed.length);
    const cited = await page.locator(".governors .sentences .cites a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(new Set(cited)).toEqual(new Set(listed.map((l) => `#${l.id}`)));
    for (const sentence of sentences) expect(sentence).toMatch(/Sources? \d+(, \d+)*\.$/);
    const pdf = await page.pdf({ format: "A4" });
    writeFileSync(join(__dirname, "..", "..", "test-artifacts", "governors-ethnicity.pdf"), pdf);
    expect(pageCount(pdf)).toBe(1);
    expect(env.browser.problems.splice(0)).toEqual([]);
  });
});
