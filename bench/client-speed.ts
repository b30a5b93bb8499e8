import "reflect-metadata";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../server/config";
import { syntheticAliases } from "./generator/format";
import { openDatabase } from "../server/db/data-source";
import { createRegisterServer, type RegisterServer } from "../server/http/app";
import { importRegisterFiles } from "../server/register/import";
import { parseArgs } from "./args";
import { describeMachine } from "./machine";
import { warmUp, WARM_UP_MAX_FLOWS } from "../server/http/warm-up";

/*
 * `npm run bench:client [-- --runs N]`: how fast the map is in headless Chromium, printed as
 * figures (not a pass/fail test). It measures
 *   1. the seed register's map: navigation to drawn, highlighted and answering a click (budget 1.5 s),
 *      the median of N first loads (each in a new browser, its cache empty) and of N later loads;
 *   2. a national-scale view of about 3,000 elements (whole register with every group open,
 *      synthetic LAs, schools and third parties beside the seed): navigation to drawn and
 *      highlighted (budget 3 s), and a first click on a node answered (budget 1 s);
 *   3. re-highlighting that view for another field (budget 200 ms), first asked and then cached,
 *      once the map is on the canvas and the page idle;
 *   4. the initial JavaScript, raw and gzipped;
 * then each target, MET or NOT MET. The registers are served by child processes
 * (bench/serve-register.ts), as a deployed server runs apart from its browsers.
 * The synthetic register is written here, small and fixed (bench/generate.ts makes far larger
 * ones: its smallest national register is already ~6,000 elements).
 */

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SEEDS_DIR = join(PROJECT_ROOT, "seeds");
const CLIENT_DIR = join(PROJECT_ROOT, "dist", "client");
const BUDGET = { seedLoad: 1500, nationalLoad: 3000, firstClick: 1000, rehighlight: 200 };
const FIELDS = ["gender", "upn", "key-stage-2-results", "fsm-eligibility", "sen", "first-language", "ethnicity"];

/** A fixed pseudo-random sequence (mulberry32), so every run draws the same register. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes a synthetic register in the import format (seeds/README.md), to load beside the seed:
 * 150 LAs each with a school, 900 third parties, and about 1,650 flows onward through the
 * seed's DfE and NPD.
 */
export function writeSyntheticRegister(dir: string): { organisations: number; flows: number } {
  const next = random(20240601);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const some = <T>(list: readonly T[], n: number) => [...list].sort(() => next() - 0.5).slice(0, n);
  const pad = (n: number, width = 3) => String(n).padStart(width, "0");
  const kinds = ["REGULATOR", "HEALTH", "POLICE", "CAREERS_SERVICE", "EDUCATION_PROVIDER", "RESEARCH", "COMMERCIAL", "OTHER"] as const;
  const fields = ["ethnicity", "gender", "upn", "pupil-name", "date-of-birth", "key-stage-2-results", "fsm-eligibility", "sen", "first-language", "exclusions", "absences"];
  const levels = ["INDIVIDUAL", "INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED"] as const;
  const organisations: object[] = [];
  const flows: object[] = [];
  const las = Array.from({ length: 150 }, (_, i) => `syn-la-${pad(i + 1)}`);
  const schools = Array.from({ length: 150 }, (_, i) => `syn-school-${pad(i + 1)}`);
  const thirdParties = Array.from({ length: 900 }, (_, i) => `syn-party-${pad(i + 1, 4)}`);
  las.forEach((id, i) => organisations.push({ id, name: `Synthetic Council ${pad(i + 1)}`, kind: "LOCAL_AUTHORITY", aliases: syntheticAliases([`SC${i + 1}`]) }));
  schools.forEach((id, i) => organisations.push({ id, name: `Synthetic Primary School ${pad(i + 1)}`, kind: "SCHOOL" }));
  thirdParties.forEach((id, i) => organisations.push({ id, name: `Synthetic ${kinds[i % kinds.length].toLowerCase().replace(/_/g, " ")} ${pad(i + 1, 4)}`, kind: kinds[i % kinds.length] }));
  let n = 0;
  const flow = (from: string, to: string, fieldIds: string[], level: string = "INDIVIDUAL") =>
    flows.push({
      id: `syn-flow-${pad(++n, 5)}`,
      from,
      to,
      fields: fieldIds,
      purposes: ["Synthetic flow for the client speed bench"],
      level,
      basis: next() < 0.15 ? "INFERRED" : "STATED",
      inferenceNote: "Synthetic",
      citations: [{ quote: "Synthetic flow generated for the client speed bench" }],
    });
  schools.forEach((school, i) => {
    flow(school, las[i], ["ethnicity", "gender", "upn", "pupil-name", "key-stage-2-results", "fsm-eligibility", "sen"]);
    flow(school, "dfe", ["ethnicity", "gender", "upn", "key-stage-2-results"]);
  });
  for (const la of las) flow(la, "dfe", some(fields, 6));
  for (let i = 0; i < 500; i++) flow("npd", pick(thirdParties), some(fields, 1 + Math.floor(next() * 5)), pick(levels));
  for (let i = 0; i < 600; i++) flow(pick(las), pick(thirdParties), some(fields, 1 + Math.floor(next() * 4)), pick(levels));
  for (let i = 0; i < 250; i++) flow(pick(schools), pick(thirdParties), some(fields, 1 + Math.floor(next() * 3)));
  mkdirSync(dir, { recursive: true });
  const notice = { id: "synthetic-client-bench", title: "Synthetic notice for the client speed bench", publisher: "dfe", date: null, era: "Synthetic", source: null, validFrom: null, validTo: null };
  writeFileSync(join(dir, "synthetic.json"), JSON.stringify({ notice, organisations, flows }));
  return { organisations: organisations.length, flows: flows.length };
}

export async function serve(paths: string[]): Promise<{ server: RegisterServer; base: string; close(): Promise<void> }> {
  const dataSource = await openDatabase(":memory:");
  await importRegisterFiles(dataSource, paths);
  const server = await createRegisterServer({ dataSource, clientDir: CLIENT_DIR, log: () => {} });
  const url = await server.listen(0, "127.0.0.1");
  // As \`npm start\` does (server/index.ts): the snapshot loaded, then the map's questions warmed.
  const { flows } = await server.graph.preload();
  if (flows <= WARM_UP_MAX_FLOWS) await warmUp(url);
  const base = url.replace(/\/graphql$/, "");
  return { server, base, close: async () => (await server.close(), await dataSource.destroy()) };
}

/** serve() in a child process of its own (bench/serve-register.ts), as a deployed server runs. */
async function serveApart(paths: string[]): Promise<{ base: string; close(): Promise<void> }> {
  const child = spawn(join(PROJECT_ROOT, "node_modules", ".bin", "tsx"), [join(PROJECT_ROOT, "bench", "serve-register.ts"), ...paths], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const orphaned = () => child.kill("SIGKILL");
  process.once("exit", orphaned);
  const base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const listening = /^LISTENING (\S+)$/m.exec(out);
      if (listening) resolve(listening[1]);
    });
    child.once("exit", (code) => reject(new Error(`the register server exited (${code}) before listening`)));
  });
  return {
    base,
    close: async () => {
      process.off("exit", orphaned);
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface Load {
  /** navigation start to the map drawn (elements added and laid out) */
  drawn: number;
  /** navigation start to the highlight applied */
  highlighted: number;
  /** navigation start to the highlighted map on the canvas: the first frame Cytoscape renders after the highlight */
  painted: number;
  /** navigation start to a click on the focus answered (its details panel responds) */
  interactive: number;
  /** from that click to the panel responding, and to the details shown in full */
  clickAnswered: number;
  clickFull: number;
  layout: number;
  elements: number;
}

/**
 * Loads a view in a fresh tab and reads the page's own marks (all relative to navigation start).
 * The click is sent from inside the page, in the first animation frame after the highlighted map
 * reached the canvas, as a reader clicking the moment it appears: sent from the bench it also
 * counted Playwright's round trips (250-450 ms on the seed map, while the page was idle).
 */
export async function measureLoad(context: BrowserContext, url: string, focus: string): Promise<Load> {
  const page = await context.newPage();
  try {
    await page.addInitScript((focusId: string) => {
      const w = window as unknown as { __onwardLoad?: Promise<unknown> };
      w.__onwardLoad = new Promise((resolve) => {
        const last = (name: string) => Math.max(...performance.getEntriesByName(name).map((e) => e.startTime));
        const until = (selector: string) =>
          new Promise<number>((done) => {
            const check = () => (document.querySelector(selector) ? done(performance.now()) : requestAnimationFrame(check));
            check();
          });
        const poll = () => {
          const map = document.querySelector<HTMLElement>('[data-testid="flow-map"]');
          const ready = document.querySelector('.map-area[data-reach="ready"]') !== null && map?.dataset.highlightFor !== undefined;
          const highlighted = last("onward:map-highlighted");
          const painted = performance.getEntriesByName("onward:map-rendered").find((e) => e.startTime >= highlighted)?.startTime;
          const cy = window.__onwardCy;
          if (!ready || painted === undefined || !cy) return requestAnimationFrame(poll);
          // Read before the click: a click may redraw (the clicked organisation is never grouped).
          const drawn = last("onward:map-drawn");
          const clicked = performance.now();
          cy.getElementById(focusId).emit("tap");
          void (async () => {
            // The panel responds (a busy panel counts), then shows the details in full.
            const interactive = await until(".details-organisation, .details [aria-busy]");
            const full = await until(".details-organisation");
            resolve({
              drawn,
              highlighted,
              painted,
              interactive,
              clickAnswered: interactive - clicked,
              clickFull: full - clicked,
              layout: Math.max(...performance.getEntriesByName("onward:layout").map((e) => e.duration)),
              elements: cy.elements().length,
            });
          })();
        };
        requestAnimationFrame(poll);
      });
    }, focus);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __onwardLoad?: unknown }).__onwardLoad !== undefined);
    const measured = page.evaluate(() => (window as unknown as { __onwardLoad: Promise<unknown> }).__onwardLoad) as Promise<Load>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${url}: the map was not drawn and clicked within 60 s`)), 60_000)));
    try {
      return await Promise.race([measured, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await page.close();
  }
}

/**
 * Waits until the map a reader would re-highlight is there: highlighted, on the canvas, and the
 * page idle after it. The answer is "ready" about 1.4 s before a national map's first frame, and
 * a re-highlight started then also timed the rest of the first drawing. (Starting from the
 * settled map did not remove the slow first samples: they are the fields that reach most, asked
 * first. Gender, UPN and key stage 2 results reach answers of 98-114 KB, whose reach and evidence
 * questions took 60-130 and 150-270 ms at the server, a machine under load; free school meals,
 * SEN and first language 0-11 KB.)
 */
async function settledMap(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const highlighted = Math.max(...performance.getEntriesByName("onward:map-highlighted").map((e) => e.startTime));
      return performance.getEntriesByName("onward:map-rendered").some((e) => e.startTime >= highlighted);
    },
    undefined,
    { timeout: 60_000, polling: "raf" },
  );
  // One idle period (a reader looks at the map before choosing another field), at most 2 s.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
}

/**
 * Changes the field inside the page and times it until the new highlight is on the canvas: the
 * answer shown ("ready" and the new field's summary), then FlowMap's highlight effect (which runs
 * after React's commit, so a moment after the summary), then the next frame Cytoscape renders.
 */
async function rehighlight(page: Page, field: string, label: string): Promise<number> {
  return page.evaluate(
    async ({ field, label }) => {
      const select = document.querySelector<HTMLSelectElement>("#field-select")!;
      const start = performance.now();
      select.value = field;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      const after = (name: string, since: number) => performance.getEntriesByName(name).find((e) => e.startTime >= since)?.startTime;
      let rendered: number | undefined;
      await new Promise<void>((resolve) => {
        const check = () => {
          const ready = document.querySelector(".map-area")?.getAttribute("data-reach") === "ready";
          const summary = document.querySelector('[data-testid="reach-summary"]')?.textContent ?? "";
          const highlighted = after("onward:map-highlighted", start);
          rendered = highlighted === undefined ? undefined : after("onward:map-rendered", highlighted);
          // A highlight that changed nothing on the canvas renders no frame: count the highlight.
          if (highlighted !== undefined && rendered === undefined && performance.now() - highlighted > 3000) rendered = highlighted;
          if (ready && summary.startsWith(`${label} from `) && rendered !== undefined) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      return rendered! - start;
    },
    { field, label },
  );
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The scripts index.html loads before anything is asked for lazily, with their sizes raw and gzipped. */
function initialScripts(): { raw: number; gzip: number; files: string[]; lazy: { name: string; raw: number }[] } {
  const html = readFileSync(join(CLIENT_DIR, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(CLIENT_DIR, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const initial = new Set(files.map((f) => f.replace(/^assets\//, "")));
  const lazy = ["cytoscape", "MapPage", "FlowMap", "FlowDetails", "OrganisationDetails", "SearchBox"]
    .flatMap((stem) => readdirSync(join(CLIENT_DIR, "assets")).filter((f) => f.startsWith(`${stem}-`) && f.endsWith(".js") && !initial.has(f)))
    .map((name) => ({ name: name.replace(/-[\w-]{8}\.js$/, ""), raw: statSync(join(CLIENT_DIR, "assets", name)).size }));
  return { raw, gzip, files: files.map((f) => f.replace(/^assets\//, "")), lazy };
}

/** Which renderer the map chose for a view (FlowMap's data-renderer). */
async function rendererOf(context: BrowserContext, url: string): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('[data-testid="flow-map"][data-ready="true"]', { timeout: 60_000 });
    return (await page.getAttribute('[data-testid="flow-map"]', "data-renderer")) ?? "unknown";
  } finally {
    await page.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${Math.round(value)} ms`;

async function main() {
  const args = parseArgs(process.argv.slice(2), { runs: "number" });
  const runs = Number(args.runs ?? 5);
  if (!existsSync(join(CLIENT_DIR, "index.html"))) {
    console.log("Building the client (dist/client is missing)…");
    const built = spawnSync(join(PROJECT_ROOT, "node_modules", ".bin", "vite"), ["build", "--config", "client/vite.config.mts", "--logLevel", "warn"], { cwd: PROJECT_ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("vite build failed");
  }
  const work = mkdtempSync(join(tmpdir(), "onward-client-speed-"));
  const synthetic = writeSyntheticRegister(join(work, "synthetic"));
  const seed = await serveApart([SEEDS_DIR]);
  const national = await serveApart([SEEDS_DIR, join(work, "synthetic")]);
  let profiles = 0;
  /**
   * A browser with an empty profile (so an empty HTTP and code cache). It started a moment ago:
   * one request that caches nothing of the map (the health check) starts its network service and
   * renderer, so a first load measures an empty cache, not Chromium's own start (without it the
   * first load's questions took ~480 ms, not ~30).
   */
  const freshBrowser = async (): Promise<BrowserContext> => {
    const browser = await chromium.launchPersistentContext(join(work, `profile-${++profiles}`), {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1600, height: 1000 },
    });
    // tsx keeps function names with a `__name` helper that functions sent to the page still call.
    await browser.addInitScript("window.__name = (fn) => fn;");
    const warm = await browser.newPage();
    await warm.goto(`${seed.base}/healthz`);
    await warm.close();
    return browser;
  };
  const context = await freshBrowser();
  try {
    console.log(`Onward client speed: headless Chromium, ${runs} runs each; ${describeMachine()}\n`);

    const seedUrl = `${seed.base}/?org=stokes-wood-primary-school&field=ethnicity&hops=2&view=focus`;
    // First loads: each in a browser of its own, its cache empty.
    const firstLoads: Load[] = [];
    for (let i = 0; i < runs; i++) {
      const browser = await freshBrowser();
      try {
        firstLoads.push(await measureLoad(browser, seedUrl, "stokes-wood-primary-school"));
      } finally {
        await browser.close();
      }
    }
    // Later loads: one browser, its cache filled by one load first.
    await measureLoad(context, seedUrl, "stokes-wood-primary-school");
    const seedLoads: Load[] = [];
    for (let i = 0; i < runs; i++) seedLoads.push(await measureLoad(context, seedUrl, "stokes-wood-primary-school"));
    const line = (loads: Load[]) => {
      const m = (pick: (l: Load) => number) => ms(median(loads.map(pick)));
      return `drawn ${m((l) => l.drawn)}, highlighted ${m((l) => l.highlighted)}, on the canvas ${m((l) => l.painted)}, answers a click at ${m((l) => l.interactive)} (click answered in ${m((l) => l.clickAnswered)}); layout ${m((l) => l.layout)}`;
    };
    const seedFirst = median(firstLoads.map((l) => l.interactive));
    const seedLater = median(seedLoads.map((l) => l.interactive));
    console.log(`1. Seed register, Stokes Wood + ethnicity, 2 hops (${seedLoads[0].elements} elements drawn), medians of ${runs}`);
    console.log(`   first loads (each in a new browser, empty cache): ${line(firstLoads)}`);
    console.log(`     answers a click at, each: ${firstLoads.map((l) => ms(l.interactive)).join(", ")}`);
    console.log(`   later loads (cache filled): ${line(seedLoads)}`);
    console.log(`     answers a click at, each: ${seedLoads.map((l) => ms(l.interactive)).join(", ")}`);

    // Every group opened, so the whole synthetic register is drawn: about 3,000 elements.
    const nationalUrl = `${national.base}/?org=syn-school-001&field=ethnicity&hops=3&view=register&open=all`;
    const nationalLoads: Load[] = [];
    for (let i = 0; i < Math.max(2, Math.ceil(runs / 2)); i++) nationalLoads.push(await measureLoad(context, nationalUrl, "syn-school-001"));
    const n0 = nationalLoads[0];
    const nWarm = median(nationalLoads.slice(1).map((l) => l.highlighted));
    const nWarmPainted = median(nationalLoads.slice(1).map((l) => l.painted));
    const renderer = await rendererOf(context, nationalUrl);
    console.log(`\n2. National-scale view: whole register, every group open, ${n0.elements} elements (${synthetic.organisations} synthetic organisations and ${synthetic.flows} flows beside the seed); renderer: ${renderer}`);
    console.log(`   first load: drawn ${ms(n0.drawn)}, highlighted ${ms(n0.highlighted)}, painted ${ms(n0.painted)}, answers a click at ${ms(n0.interactive)}; layout ${ms(n0.layout)} (preset layered)`);
    console.log(`   later loads (median): highlighted ${ms(nWarm)}, painted ${ms(nWarmPainted)}`);
    const firstClick = median(nationalLoads.map((l) => l.clickAnswered));
    const firstClickFull = median(nationalLoads.map((l) => l.clickFull));
    console.log(`   first click on a node: panel answers in ${ms(firstClick)}, details shown in full in ${ms(firstClickFull)} (median of ${nationalLoads.length})`);

    const canvas = await measureLoad(context, `${nationalUrl}&renderer=canvas`, "syn-school-001");
    console.log(`   the same with the canvas renderer (?renderer=canvas): highlighted ${ms(canvas.highlighted)}, painted ${ms(canvas.painted)}, a click answered in ${ms(canvas.clickAnswered)}`);
    const groupedUrl = `${national.base}/?org=syn-school-001&field=ethnicity&hops=3&view=register`;
    const grouped = await measureLoad(context, groupedUrl, "syn-school-001");
    const oneHopUrl = `${national.base}/?org=dfe&field=ethnicity&hops=1&view=focus`;
    const oneHop = await measureLoad(context, oneHopUrl, "dfe");
    console.log(`   as it opens (groups closed): ${grouped.elements} elements, painted ${ms(grouped.painted)}; the DfE at one hop: ${oneHop.elements} elements, painted ${ms(oneHop.painted)}`);

    const page = await context.newPage();
    await page.goto(nationalUrl);
    await page.waitForSelector('.map-area[data-reach="ready"]', { timeout: 60_000 });
    await settledMap(page);
    const labels = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLOptionElement>("#field-select option")].map((o) => [o.value, o.textContent ?? ""])));
    const firstPass: number[] = [];
    const cachedPass: number[] = [];
    for (const field of FIELDS) firstPass.push(await rehighlight(page, field, labels[field]));
    for (const field of FIELDS) cachedPass.push(await rehighlight(page, field, labels[field]));
    await page.close();
    console.log(`\n3. Re-highlighting the national view for another field (${FIELDS.length} fields, 3 hops), starting from the map on the canvas and the page idle`);
    console.log(`   asked of the server: median ${ms(median(firstPass))}, worst ${ms(Math.max(...firstPass))} (each: ${firstPass.map(ms).join(", ")})`);
    console.log(`   answered from the client's cache: median ${ms(median(cachedPass))}, worst ${ms(Math.max(...cachedPass))} (each: ${cachedPass.map(ms).join(", ")})`);

    const size = initialScripts();
    console.log(`\n4. Initial JavaScript (the entry and its preloads, before any lazy chunk): ${kib(size.raw)} raw, ${kib(size.gzip)} gzip (${size.files.join(", ")})`);
    console.log(`   loaded on demand: ${size.lazy.map((f) => `${f.name} ${kib(f.raw)}`).join(", ")}`);

    const met = (value: number, budget: number) => (value <= budget ? "MET    " : "NOT MET");
    console.log(`\nTargets:`);
    console.log(`  ${met(seedFirst, BUDGET.seedLoad)}  seed map interactive, first loads      ${ms(seedFirst)} (target ${BUDGET.seedLoad} ms)`);
    console.log(`  ${met(seedLater, BUDGET.seedLoad)}  seed map interactive, later loads      ${ms(seedLater)} (target ${BUDGET.seedLoad} ms)`);
    console.log(`  ${met(n0.painted, BUDGET.nationalLoad)}  national view drawn, first load        ${ms(n0.painted)} (target ${BUDGET.nationalLoad} ms)`);
    console.log(`  ${met(nWarmPainted, BUDGET.nationalLoad)}  national view drawn, later loads       ${ms(nWarmPainted)} (target ${BUDGET.nationalLoad} ms)`);
    console.log(`  ${met(firstClick, BUDGET.firstClick)}  first click answered (national)        ${ms(firstClick)} (target ${BUDGET.firstClick} ms)`);
    console.log(`  ${met(median(firstPass), BUDGET.rehighlight)}  re-highlight, asked of the server      ${ms(median(firstPass))} (target ${BUDGET.rehighlight} ms)`);
    console.log(`  ${met(median(cachedPass), BUDGET.rehighlight)}  re-highlight, from the client's cache  ${ms(median(cachedPass))} (target ${BUDGET.rehighlight} ms)`);
  } finally {
    await context.close();
    await seed.close();
    await national.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
