import type { Page, Response } from "playwright-core";
import { useServerAndBrowser, waitForMap } from "./support/browser";

// The map and the query IDE under the server's Content-Security-Policy (server/http/hardening.ts):
// both must work with nothing blocked. Chromium reports each blocked load, script, style or worker
// twice: a `securitypolicyviolation` event in the page and a console message.

const env = useServerAndBrowser();

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Records every CSP violation the page (any document in this context) reports. */
async function watchViolations(page: Page): Promise<{ console: string[]; events(): Promise<Violation[]> }> {
  const consoleMessages: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) consoleMessages.push(`${message.type()}: ${message.text()}`);
  });
  await page.context().addInitScript(() => {
    const seen: { directive: string; blocked: string; source: string }[] = [];
    (window as unknown as { __cspViolations: typeof seen }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, source: `${event.sourceFile}:${event.lineNumber}` }),
    );
  });
  return {
    console: consoleMessages,
    events: () => page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? []),
  };
}

function expectSecurityHeaders(response: Response | null): string {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toBeDefined();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
  expect(csp).not.toMatch(/https?:/);
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  return csp;
}

afterEach(() => {
  // Also fails on any console error, failed request or request off this machine.
  const problems = env.browser.problems.splice(0);
  expect(problems).toEqual([]);
});

describe("the Content-Security-Policy", () => {
  it("lets the map draw, highlight, select and export with no violation", async () => {
    const { page } = env.browser;
    const violations = await watchViolations(page);
    const response = await page.goto(`${env.server.base}/?org=stokes-wood-primary-school&field=ethnicity`);
    // The map needs no inline style at all (Cytoscape's one injected rule is in app.css).
    expect(expectSecurityHeaders(response)).not.toContain("unsafe-inline");
    await waitForMap(page);
    expect(await page.evaluate(() => window.__onwardCy!.nodes().length)).toBeGreaterThan(10);

    // An organisation's details, then the whole register.
    await page.locator('table.recipients tr[data-org="dfe"] button').first().click();
    await page.getByRole("radio", { name: /whole register/i }).check();
    await waitForMap(page);
    // The PNG export reads the canvas into a blob: URL and clicks a download link.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PNG" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.png$/);
    await page.waitForLoadState("networkidle");

    expect(await violations.events()).toEqual([]);
    expect(violations.console).toEqual([]);
  });

  it("lets the query IDE load GraphiQL, its editor workers and fonts, and run a query with no violation", async () => {
    const { page } = env.browser;
    const violations = await watchViolations(page);
    const response = await page.goto(`${env.server.base}/graphql`);
    // Monaco writes style attributes and <style> elements: the IDE alone allows inline styles.
    expect(expectSecurityHeaders(response)).toMatch(/(^|;)\s*style-src 'self' 'unsafe-inline'\s*(;|$)/);
    await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector(".graphiql-query-editor")?.textContent?.includes("recipients"));
    await page.locator(".graphiql-execute-button").click();
    await page.waitForFunction(() => document.querySelector(".graphiql-response")?.textContent?.includes('"hops"'), undefined, { timeout: 20_000 });
    // Typing uses the GraphQL worker (validation, completion): it must start under worker-src.
    await page.locator(".graphiql-query-editor .monaco-editor").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n# checked by the GraphQL worker\n");
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const workers = page.workers().map((worker) => new URL(worker.url()).pathname);
    expect(workers.length).toBeGreaterThan(0);
    await env.browser.screenshot("ide-under-csp");

    expect(await violations.events()).toEqual([]);
    expect(violations.console).toEqual([]);
  });
});
