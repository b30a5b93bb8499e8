import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { openBrowser, type Browser } from "./support/browser";

// Every browser test fails on a failed request, except one the page's own navigation cut short
// once that navigation has put its new document in the frame. This checks the watch itself.

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/slow") return; // never answers: only a navigation or an abort ends it
    if (req.url === "/no-content") {
      res.writeHead(204).end(); // a navigation here never commits
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>${req.url}</title><p>${req.url}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the browser tests' watch on failed requests", () => {
  it("excuses a request cut short by a navigation that commits", async () => {
    const { page } = browser;
    await page.goto(`${base}/first`);
    await page.evaluate(() => void fetch("/slow").catch(() => undefined));
    await page.waitForTimeout(100);
    await page.goto(`${base}/second`);
    await page.waitForTimeout(200);
    expect(browser.problems.splice(0)).toEqual([]);
  });

  it("reports a request aborted while a navigation starts that never commits", async () => {
    const { page } = browser;
    await page.goto(`${base}/third`);
    // The page aborts its own request just after a navigation to a 204 has started: that
    // navigation leaves the page where it is, so nothing excuses the abort.
    await page.evaluate(() => {
      const controller = new AbortController();
      void fetch("/slow", { signal: controller.signal }).catch(() => undefined);
      setTimeout(() => {
        window.location.href = "/no-content";
        setTimeout(() => controller.abort(), 50);
      }, 50);
    });
    await page.waitForTimeout(600);
    expect(await page.title()).toBe("/third");
    // (Chromium reports the 204 navigation itself as aborted too: also a failure for a test.)
    expect(browser.problems.splice(0).sort()).toEqual([`request failed: ${base}/no-content (net::ERR_ABORTED)`, `request failed: ${base}/slow (net::ERR_ABORTED)`]);
  });
});
