import { useServerAndBrowser } from "./support/browser";

const env = useServerAndBrowser();

describe("the query IDE", () => {
  it("opens GraphiQL at /graphql, bundled, and runs a query against the register", async () => {
    const { page } = env.browser;
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${env.server.base}/graphql`);
    expect(await page.title()).toBe("Onward query IDE");
    await page.waitForSelector(".graphiql-container", { timeout: 30_000 });
    await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 30_000 });
    // The default query is already in the editor; run it with the execute button.
    await page.waitForFunction(() => document.querySelector(".graphiql-query-editor")?.textContent?.includes("recipients"));
    await page.locator(".graphiql-execute-button").click();
    await page.waitForFunction(() => document.querySelector(".graphiql-response")?.textContent?.includes("organisation"), undefined, {
      timeout: 20_000,
    });
    await page.waitForLoadState("networkidle");
    const response = await page.locator(".graphiql-response").textContent();
    expect(response).toContain('"recipients"');
    expect(response).toContain('"hops"');
    await env.browser.screenshot("ide");

    // GraphiQL and Monaco came from this server (the IDE's own chunks), and the map's code did not load here.
    expect(scripts.some((path) => /^\/assets\/GraphiQLPage-.*\.js$/.test(path))).toBe(true);
    expect(scripts.some((path) => /^\/assets\/index-.*\.js$/.test(path))).toBe(false);
    expect(env.browser.offHost).toEqual([]);
    expect(env.browser.problems).toEqual([]);
  });

  it("keeps GraphiQL out of the map's initial JavaScript", async () => {
    // A page of its own: navigating the IDE's page away could abort a Monaco worker it was still
    // fetching, a failed request the watch would rightly report, but of the IDE, not the map.
    const page = await env.browser.context.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${env.server.base}/`);
    await page.waitForSelector('.map-area[data-reach="ready"]');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => /GraphiQL|monaco|graphql\.worker|editor\.worker/i.test(path))).toEqual([]);
    expect(env.browser.problems).toEqual([]);
    await page.close();
  });
});
