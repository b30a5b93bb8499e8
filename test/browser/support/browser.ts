import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../../server/config";
import { startTestServer, type TestServer } from "../../support/server";

export const ARTIFACTS = join(PROJECT_ROOT, "test-artifacts");

/** Flags that work as root with no network (STACK.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

/** Whether a request stays on this machine (data: and blob: URLs never leave it). */
export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === "data:" || parsed.protocol === "blob:" || parsed.protocol === "about:") return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** console errors, page errors, failed requests, HTTP errors and requests off this machine */
  problems: string[];
  /** every request off this machine (also listed in `problems`); each was aborted */
  offHost: string[];
  /** the number of requests seen, to prove the watch works */
  requests(): number;
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Headless Chromium on a fresh profile, watching for anything a test must fail on. A request to
 * any host but 127.0.0.1/localhost is aborted and recorded, so nothing leaves the machine.
 */
export async function openBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "onward-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1600, height: 1000 },
    acceptDownloads: true,
  });
  const problems: string[] = [];
  const offHost: string[] = [];
  let requests = 0;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    offHost.push(url);
    problems.push(`request off this machine: ${url}`);
    return route.abort("blockedbyclient");
  });
  const watch = (page: Page) => {
    // Navigations this page has started, and how many had when each request was sent: a request
    // the page's own navigation cut short (the map asks for the governors' sentences after its
    // first frame, often while a test already goes elsewhere) is the browser's doing, not a fault,
    // once that navigation commits. Until it does, the failure stands as a problem.
    let navigations = 0;
    const sentDuring = new WeakMap<object, number>();
    const awaitingCommit: string[] = [];
    // How many navigations had started when the last one committed (a new document in the frame).
    let startedAtCommit = 0;
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      requests++;
      const navigation = request.isNavigationRequest() && request.frame() === page.mainFrame();
      if (navigation) navigations++;
      // Sent while a navigation is under way (started, not yet committed): by the document that
      // navigation replaces (a timer of the map's, say), so counted as sent before it started.
      const underWay = !navigation && navigations > startedAtCommit;
      sentDuring.set(request, navigations - (underWay ? 1 : 0));
    });
    page.on("requestfailed", (request) => {
      if (!isLocal(request.url())) return;
      const sent = sentDuring.get(request) ?? navigations;
      const cutByNavigation = request.failure()?.errorText === "net::ERR_ABORTED" && sent < navigations;
      // The failure may be reported after the commit or before it, in either order.
      if (cutByNavigation && sent < startedAtCommit) return;
      const problem = `request failed: ${request.url()} (${request.failure()?.errorText})`;
      problems.push(problem);
      if (cutByNavigation) awaitingCommit.push(problem);
    });
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      startedAtCommit = navigations;
      // A new document is in the frame: requests its navigation cut short are excused.
      for (const problem of awaitingCommit.splice(0)) {
        const at = problems.indexOf(problem);
        if (at >= 0) problems.splice(at, 1);
      }
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  };
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    problems,
    offHost,
    requests: () => requests,
    async screenshot(name, shotOptions = {}) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: shotOptions.fullPage ?? false });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the map has drawn and highlighted the answer for the current URL. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('.map-area[data-reach="ready"]', { timeout: 20_000 });
  await page.waitForFunction(() => {
    const map = document.querySelector<HTMLElement>('[data-testid="flow-map"]');
    return map?.dataset.ready === "true" && map.dataset.highlightFor !== undefined && window.__onwardCy !== undefined;
  });
}

/** Ids of the map's elements carrying a class (e.g. "focus", "reached", "possible", "on-chain"). */
export function idsWithClass(page: Page, className: string): Promise<string[]> {
  return page.evaluate((name) => window.__onwardCy!.$(`.${name}`).map((element) => element.id()).sort(), className);
}

/** Ids of the elements the highlight leaves faded: no highlight class, drawn at low opacity. */
export function fadedIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .__onwardCy!.elements()
      .filter((element) => !element.hasClass("focus") && !element.hasClass("reached") && !element.hasClass("possible") && !element.hasClass("on-chain"))
      .filter((element) => Number(element.style("opacity")) < 0.5)
      .map((element) => element.id())
      .sort(),
  );
}

/**
 * For a browser test file: a seeded register on a free port and a watched browser, started
 * before the file's tests and closed after them. Read `.server` and `.browser` inside tests.
 */
export function useServerAndBrowser(): { server: TestServer; browser: Browser } {
  const handles = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    handles.server = await startTestServer();
    handles.browser = await openBrowser();
  });
  afterAll(async () => {
    await handles.browser?.close();
    await handles.server?.close();
  });
  return handles;
}
