import { readFileSync } from "node:fs";
import { print, type DocumentNode } from "graphql";
import { REACH_QUERY } from "../../client/src/api/queries";
import type { ReachData } from "../../client/src/api/types";
import { DEFAULT_VIEW, reachVariables, todayIso } from "../../client/src/state/view-state";
import { fadedIds, idsWithClass, useServerAndBrowser, waitForMap } from "./support/browser";

const STOKES_WOOD = "stokes-wood-primary-school";

const env = useServerAndBrowser();

/** Asks the test server a question with the client's own operation. */
async function ask<T>(document: DocumentNode, variables: object): Promise<T> {
  const response = await fetch(env.server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

afterEach(() => {
  // Every test fails on a console error, a failed request or a request off this machine.
  const problems = env.browser.problems.splice(0);
  expect(problems).toEqual([]);
});

describe("the map", () => {
  it("draws the default focus, Stokes Wood Primary School, with a legend", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/`);
    await waitForMap(page);
    // Today's picture by default, and the link says which day it shows.
    expect(new URL(page.url()).search).toBe(`?org=${STOKES_WOOD}&hops=2&view=focus&asof=${todayIso()}`);
    expect(await page.locator("#asof-select").inputValue()).toBe("today");
    expect(await idsWithClass(page, "focus")).toEqual([STOKES_WOOD]);
    const nodes = await page.evaluate(() => window.__onwardCy!.nodes().length);
    expect(nodes).toBeGreaterThan(10);
    // Data flows left to right: the focus is the leftmost node (its processors, the IT contractors,
    // are drawn in its column, under it, as part of it).
    const leftmost = await page.evaluate(() =>
      window
        .__onwardCy!.nodes("[!actsFor]")
        .map((node) => ({ id: node.id(), x: node.position("x") }))
        .sort((a, b) => a.x - b.x)[0].id,
    );
    expect(leftmost).toBe(STOKES_WOOD);
    const processors = await page.evaluate(() =>
      window.__onwardCy!.nodes("[actsFor]").map((node) => ({ id: node.id(), actsFor: node.data("actsFor"), below: node.position("y") > window.__onwardCy!.nodes(`[id = "${node.data("actsFor")}"]`)[0].position("y") })),
    );
    expect(processors).toEqual([{ id: "it-contractors", actsFor: STOKES_WOOD, below: true }]);
    // The legend is beside the map, above the fold.
    const legend = page.locator(".side-column .legend");
    expect(await legend.getByText("Local authority", { exact: true }).count()).toBe(1);
    expect(await legend.locator("li").count()).toBeGreaterThanOrEqual(12 + 4);
    expect(await legend.locator("svg").count()).toBeGreaterThanOrEqual(16);
    expect(env.browser.requests()).toBeGreaterThan(3);
    await env.browser.screenshot("map-default");
  });

  it("asks each of the first view's questions once (asked as the script starts, then taken by the page)", async () => {
    const { page } = env.browser;
    const asked: string[] = [];
    const seen = (request: { url(): string; postDataJSON(): { operationName?: string } | null }) => {
      if (request.url().endsWith("/graphql")) asked.push(request.postDataJSON()?.operationName ?? "?");
    };
    page.on("request", seen);
    try {
      await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
      await waitForMap(page);
      await page.getByTestId("reach-summary").waitFor();
      await page.locator(".governors ol.sentences li").first().waitFor();
      expect(asked.filter((name) => name === "Register")).toHaveLength(1);
      expect(asked.filter((name) => name === "Reach")).toHaveLength(1);
      expect(asked.slice(0, 2).sort()).toEqual(["Reach", "Register"]);
    } finally {
      page.off("request", seen);
    }
  });

  it("keeps the table's caption with its rows, and says the map is the last answer, while a new field's answer is on its way", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    await page.waitForSelector("table.recipients tbody tr[data-org]");
    const caption = page.locator("table.recipients caption");
    const before = await page.locator("table.recipients tbody tr[data-org]").count();
    // The gender answer is held back until the test lets it go.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/graphql", async (route) => {
      if (route.request().postDataJSON()?.operationName === "Reach") await released;
      await route.continue();
    });
    try {
      await page.selectOption("#field-select", "gender");
      await page.getByTestId("table-previous").waitFor();
      // The summary gives no numbers under the new question (before: ethnicity's counts, said of gender).
      expect(await page.getByTestId("reach-summary").textContent()).toBe("Finding where gender from Stokes Wood Primary School can go…");
      // The rows are still ethnicity's, and the caption says so (before: "Where gender from...").
      expect(await caption.textContent()).toBe("Where ethnicity from Stokes Wood Primary School can go within 2 hops");
      expect(await page.locator("table.recipients tbody tr[data-org]").count()).toBe(before);
      expect(await page.locator(".table-area").getAttribute("aria-busy")).toBe("true");
      expect(await page.getByTestId("table-previous").textContent()).toBe("The last answer, until the new one is found.");
      // The map keeps its last highlight too: once the wait passes 300 ms it is dimmed and says so.
      await page.waitForFunction(() => {
        const note = document.querySelector('[data-testid="map-updating"]');
        return note !== null && getComputedStyle(note).visibility === "visible" && Number(getComputedStyle(document.querySelector(".flow-map")!).opacity) < 0.5;
      });
      expect(await page.getByTestId("map-updating").textContent()).toBe("Finding the new answer: the map still shows the last one.");
      await env.browser.screenshot("map-updating");
      release();
      await page.waitForFunction(() => document.querySelector("table.recipients caption")?.textContent?.startsWith("Where gender"));
      expect(await caption.textContent()).toBe("Where gender from Stokes Wood Primary School can go within 2 hops");
      expect(await page.getByTestId("table-previous").count()).toBe(0);
      expect(await page.locator(".table-area").getAttribute("aria-busy")).toBeNull();
      expect(await page.getByTestId("map-updating").count()).toBe(0);
      await page.waitForFunction(() => getComputedStyle(document.querySelector(".flow-map")!).opacity === "1");
    } finally {
      release();
      await page.unroute("**/graphql");
    }
  });

  it("keeps the last answer, and says it is the last one, when the new one cannot be had", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    await page.waitForSelector("table.recipients tbody tr[data-org]");
    await page.route("**/graphql", async (route) => {
      if (route.request().postDataJSON()?.operationName !== "Reach") return route.continue();
      await route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ data: null, errors: [{ message: "The register could not answer just now.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }),
      });
    });
    try {
      await page.selectOption("#field-select", "gender");
      await page.getByTestId("reach-summary").filter({ hasText: "No answer" }).waitFor();
      expect(await page.getByTestId("reach-summary").textContent()).toBe("No answer for where gender from Stokes Wood Primary School can go: see the problem above.");
      expect(await page.locator("table.recipients caption").textContent()).toBe("Where ethnicity from Stokes Wood Primary School can go within 2 hops");
      expect(await page.getByTestId("table-previous").textContent()).toBe("The last answer: the new one could not be found.");
      expect(await page.getByTestId("map-updating").textContent()).toBe("No new answer: the map still shows the last one.");
    } finally {
      await page.unroute("**/graphql");
    }
  });

  it("asks for the governors' sentences only for the field a reader stays on, not each one passed through", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    await page.locator(".governors ol.sentences li").first().waitFor();
    const asked: { operation: string; field: unknown }[] = [];
    const seen = (request: { url(): string; postDataJSON(): { operationName?: string; variables?: { field?: unknown } } | null }) => {
      const body = request.url().endsWith("/graphql") ? request.postDataJSON() : null;
      if (body?.operationName) asked.push({ operation: body.operationName, field: body.variables?.field });
    };
    page.on("request", seen);
    try {
      // Each field is chosen two frames after the last one's highlight, as arrow keys on the list would.
      await page.evaluate(async (fields) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        for (const field of fields) {
          const since = performance.now();
          const select = document.querySelector<HTMLSelectElement>("#field-select")!;
          select.value = field;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          while (!performance.getEntriesByName("onward:map-highlighted").some((e) => e.startTime >= since)) await frame();
          await frame();
          await frame();
        }
      }, ["gender", "sen", "upn"]);
      await page.locator(".governors ol.sentences li").first().waitFor();
      await page.waitForFunction(() => document.querySelector(".governors h2")?.textContent?.includes("Unique Pupil Number"));
      expect(asked.filter((a) => a.operation === "Reach").map((a) => a.field)).toEqual(["gender", "sen", "upn"]);
      expect(asked.filter((a) => a.operation === "Evidence").map((a) => a.field)).toEqual(["upn"]);
    } finally {
      page.off("request", seen);
    }
  });

  it("sends the reach question for a new field before the page has drawn the change", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    const seenAt = await page.evaluate(async () => {
      // What the page showed when the question left: the summary still the old field's, or already the new one's.
      let summary: string | null = null;
      const fetchBefore = window.fetch;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        if (summary === null && String(init?.body ?? "").includes("query Reach(")) summary = document.querySelector('[data-testid="reach-summary"]')?.textContent ?? "";
        return fetchBefore(input, init);
      };
      try {
        const select = document.querySelector<HTMLSelectElement>("#field-select")!;
        select.value = "gender";
        select.dispatchEvent(new Event("change", { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 100));
        return summary;
      } finally {
        window.fetch = fetchBefore;
      }
    });
    expect(seenAt).toMatch(/^Ethnicity from Stokes Wood Primary School/);
    await waitForMap(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="reach-summary"]')?.textContent?.startsWith("Gender from "));
  });

  it("highlights where ethnicity from Stokes Wood can go, on the map and in the table", async () => {
    const { page } = env.browser;
    // Every group opened, so each recipient is a node of its own (legibility.test.ts covers groups).
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&open=all`);
    await waitForMap(page);
    const expected = await ask<ReachData>(REACH_QUERY, { ...reachVariables({ ...DEFAULT_VIEW, field: "ethnicity" }), first: 1000 });
    const recipients = expected.recipientsReport.organisations.map((r) => r.organisation.id).sort();
    // The notices imply these: the school's LA and the DfE directly, the NPD through the DfE.
    for (const id of ["leicester-city-council", "dfe", "npd"]) expect(recipients).toContain(id);

    const onMap = [...(await idsWithClass(page, "reached")), ...(await idsWithClass(page, "possible"))].sort();
    expect(onMap).toEqual(recipients);
    const chainEdges = await idsWithClass(page, "on-chain");
    expect(chainEdges).toContain(`${STOKES_WOOD}->dfe:individual:stated`);
    expect(chainEdges).toContain("dfe->npd:individual:stated");
    const dimmed = await fadedIds(page);
    expect(dimmed.length).toBeGreaterThan(0);
    expect(dimmed).not.toContain("dfe");

    // The table is loaded beside the map (a lazy chunk) and may follow it by a moment.
    await page.waitForSelector("table.recipients tbody tr[data-org]");
    const rows = await page.locator("table.recipients tbody tr[data-org]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-org")));
    expect([...rows].sort()).toEqual(recipients);
    const npdRow = page.locator('table.recipients tr[data-org="npd"]');
    expect(await npdRow.locator("td").nth(1).textContent()).toBe("2");
    // A level no notice states is shown as the register's caution, not as the notice's word.
    expect(await page.locator('table.recipients tr[data-org="health-visitors"] td').nth(2).textContent()).toBe(
      "Individual records (a notice on the way states no level: counted as the most identifying)",
    );
    expect(await page.locator('table.recipients tr[data-org="leicestershire-police"] td').nth(2).textContent()).toBe("Individual records");
    expect(await page.locator("table.recipients caption").textContent()).toBe("Where ethnicity from Stokes Wood Primary School can go within 2 hops");

    const summary = await page.getByTestId("reach-summary").textContent();
    expect(summary).toMatch(new RegExp(`^Ethnicity from Stokes Wood Primary School can reach ${recipients.length} organisations within 2 hops`));
    expect(await page.getByTestId("reach-summary").getAttribute("aria-live")).toBe("polite");
    await env.browser.screenshot("map-ethnicity");
  });

  it("narrows the highlight with filters kept in the URL", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&hops=3&asof=2009-06-01`);
    await waitForMap(page);
    const lit2009 = [...(await idsWithClass(page, "reached")), ...(await idsWithClass(page, "possible"))];
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&hops=3&asof=2019-06-01`);
    await waitForMap(page);
    const lit2019 = [...(await idsWithClass(page, "reached")), ...(await idsWithClass(page, "possible"))];
    // Stokes Wood's notice dates from the GDPR era: as things stood in 2009 it passed nothing on.
    expect(lit2009).toEqual([]);
    expect(lit2019.length).toBeGreaterThan(3);
    expect(await page.getByTestId("reach-summary").textContent()).toContain("within 3 hops");
    expect(await page.locator("#asof-select").inputValue()).toBe("2019-06-01");
  });

  it("opens a flow's details, with the notice's own words, when its arrow is clicked", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&asof=all`);
    await waitForMap(page);
    const edgeId = `${STOKES_WOOD}->leicester-city-council:individual:stated`;
    const point = await page.evaluate((id) => {
      const cy = window.__onwardCy!;
      const edge = cy.getElementById(id);
      // the middle of the curve: arrows fan out from the end of the sender's name
      const model = edge.midpoint();
      const box = cy.container()!.getBoundingClientRect();
      return { x: box.left + model.x * cy.zoom() + cy.pan().x, y: box.top + model.y * cy.zoom() + cy.pan().y };
    }, edgeId);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector(".details-flow");
    expect(new URL(page.url()).searchParams.get("sel")).toBe(`edge:${edgeId}`);
    const details = page.locator(".details");
    await details.getByText("our local authority in order to comply with our legal obligations for statutory data returns such as School Census").waitFor();
    expect(await details.locator(".basis").first().textContent()).toMatch(/^STATED/);
    expect(await details.locator("figcaption").first().textContent()).toContain("Stokes Wood Primary School");
    expect(await details.getByText("section 3 of The Education (Information About Individual Pupils) (England) Regulations 2013").count()).toBeGreaterThanOrEqual(1);
    expect(await fadedIds(page)).not.toContain(edgeId);
    expect(await page.evaluate(() => window.__onwardCy!.$(":selected").map((e) => e.id()))).toEqual([edgeId]);
    await env.browser.screenshot("map-flow-details");
  });

  it("shows an inferred flow's note and an organisation's names and contacts", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&sel=org:dfe`);
    await page.waitForSelector(".details-organisation");
    const details = page.locator(".details");
    expect(await details.locator("h2").textContent()).toContain("Department for Education");
    await details.getByText("DCSF", { exact: false }).first().waitFor();
    expect(await details.textContent()).toContain("Sanctuary Buildings");

    const inferred = `leicestershire-partnership-nhs-trust->${STOKES_WOOD}:individual:inferred`;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&sel=edge:${encodeURIComponent(inferred)}`);
    await page.waitForSelector(".details-flow .inference-note");
    expect(await page.locator(".details .basis").first().textContent()).toMatch(/^INFERRED/);
    expect(await page.locator(".details .inference-note").textContent()).toContain("Leicestershire Partnership NHS Trust");
  });

  it("finds an organisation by an alias and focuses on it", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/`);
    await waitForMap(page);
    await page.getByLabel("Search organisations and fields").fill("DCSF");
    await page.getByRole("button", { name: /Department for Education.*also called DCSF/ }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("org") === "dfe");
    await waitForMap(page);
    expect(await idsWithClass(page, "focus")).toEqual(["dfe"]);
    expect(await page.locator(".focus-name strong").textContent()).toBe("Department for Education");
  });

  it("restores the view on back and forward", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}`);
    await waitForMap(page);
    await page.locator("#field-select").selectOption("ethnicity");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("field") === "ethnicity");
    await page.getByRole("button", { name: "One hop more" }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("hops") === "3");
    await waitForMap(page);
    expect(await page.getByTestId("reach-summary").textContent()).toContain("within 3 hops");

    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("hops") === "2");
    await waitForMap(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="reach-summary"]')!.textContent!.includes("within 2 hops"));
    expect(await page.locator("#field-select").inputValue()).toBe("ethnicity");
    await page.goBack();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("field"));
    expect(await page.locator("#field-select").inputValue()).toBe("");
    await page.goForward();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("field") === "ethnicity");
    expect(await page.locator("#field-select").inputValue()).toBe("ethnicity");
  });

  it("copies a link that reproduces the view", async () => {
    const { page, context } = env.browser;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.base });
    const view = `${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity&hops=3&view=focus&stated=1`;
    await page.goto(view);
    await waitForMap(page);
    await page.getByRole("button", { name: "Copy link to this view" }).click();
    await page.getByText("Link copied").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(new URL(copied).searchParams.get("field")).toBe("ethnicity");
    expect(new URL(copied).searchParams.get("hops")).toBe("3");
  });

  it("lets the keyboard move through the table and open a row", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    const buttons = page.locator("table.recipients tbody button.row-button");
    await buttons.first().focus();
    await page.keyboard.press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-org"));
    const second = await page.locator("table.recipients tbody tr").nth(1).getAttribute("data-org");
    expect(focused).toBe(second);
    await page.keyboard.press("Enter");
    await page.waitForSelector(".details-organisation");
    expect(new URL(page.url()).searchParams.get("sel")).toBe(`org:${second}`);
  });

  it("exports the diagram as PNG and SVG", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=ethnicity`);
    await waitForMap(page);
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(png.suggestedFilename()).toBe(`onward-${STOKES_WOOD}-ethnicity.png`);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(20_000);

    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    expect(svg.suggestedFilename()).toBe(`onward-${STOKES_WOOD}-ethnicity.svg`);
    const text = readFileSync((await svg.path())!, "utf8");
    expect(text).toMatch(/<svg[\s>]/);
    expect(text).toContain("Stokes Wood");
    expect(text.length).toBeGreaterThan(10_000);
  });

  it("prints a summary for governors: the diagram as an image, the legend and sourced sentences", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=${STOKES_WOOD}&field=key-stage-2-results`);
    await waitForMap(page);
    await page.waitForSelector(".governors .sentences li");
    const first = await page.locator(".governors .sentences > li p").first().textContent();
    expect(first).toMatch(/^Stokes Wood Primary School (passes|may pass) pupils' Key Stage 2 results .*to /);
    const sources = page.locator(".governors .sources li");
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().locator("cite").textContent()).toBeTruthy();

    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    const image = page.locator(".governors img.print-map");
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>(".governors img.print-map")?.complete);
    expect(await image.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await image.isVisible()).toBe(true);
    expect(await page.locator(".governors .legend").isVisible()).toBe(true);
    expect(await page.locator(".sidebar").isVisible()).toBe(false);
    expect(await page.locator('[data-testid="flow-map"]').isVisible()).toBe(false);
    await env.browser.screenshot("print-summary", { fullPage: true });
    await page.emulateMedia({ media: "screen" });
  });

  it("says in words when a field reaches no one, and when an id is unknown", async () => {
    const { page } = env.browser;
    await page.goto(`${env.server.base}/?org=independent-researchers&field=ethnicity&asof=all`);
    await waitForMap(page);
    expect(await page.getByTestId("reach-summary").textContent()).toBe(
      "Ethnicity from Independent researchers reaches no other organisation within 2 hops with these filters. This mixes every era the notices cover (2006 to today): choose a date under “As the notices stood on” to see one era.",
    );
    expect(await page.locator(".hint").textContent()).toContain("Nothing leaves Independent researchers");

    // An unknown focus is said beside the focus control, and the whole register is drawn
    // (unknown-focus.test.ts covers it in full).
    await page.goto(`${env.server.base}/?org=no-such-school`);
    await page.locator(".sidebar").getByRole("alert").filter({ hasText: "No organisation has the id no-such-school" }).waitFor();
    await page.waitForSelector('.map-area[data-reach="no-focus"] [data-testid="flow-map"][data-ready="true"]');
    expect(await page.evaluate(() => window.__onwardCy!.nodes().length)).toBeGreaterThan(10);
  });

  it("says the server is down, and how to start it, when the API does not answer", async () => {
    const { page } = env.browser;
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    try {
      await page.goto(`${env.server.base}/`);
      const alert = page.getByRole("alert").first();
      await alert.waitFor();
      expect(await alert.textContent()).toContain("The register's server is not answering");
      expect(await alert.textContent()).toContain("npm start");
      await env.browser.screenshot("server-down");
    } finally {
      await page.unroute("**/graphql");
    }
    // Only the refused API calls may fail (Chromium also logs each as a console error, without its URL).
    const unexpected = env.browser.problems.filter((p) => !p.includes("/graphql") && !p.endsWith("net::ERR_CONNECTION_REFUSED"));
    env.browser.problems.splice(0);
    expect(unexpected).toEqual([]);
  });
});
