import { fastFlow, fastNotice, fastOrganisation, fastRegisterFile } from "../../server/register/fast-records";
import { flowRecord, noticeRecord, organisationRecord, registerFile } from "../../server/register/records";

/**
 * The import's fast path for flows, organisations and notices must never be wider than zod: for every
 * record it accepts, zod accepts the same record and makes exactly the same value; anything else
 * it leaves to zod (returns undefined). Checked over well-formed records and every variant made by
 * replacing, removing or adding one value anywhere inside them.
 */

const flows: Record<string, unknown>[] = [
  {
    id: "school-700783-01",
    from: "school-700783",
    to: "dfe",
    fields: ["upn", "pupil-name", "date-of-birth"],
    purposes: ["School census"],
    level: "INDIVIDUAL",
    basis: "STATED",
    lawfulBasis: "The Education (Information About Individual Pupils) (England) Regulations 2013",
    citations: [{ quote: "Synthetic flow generated for benchmarking" }],
  },
  {
    id: "la-to-careers",
    from: "la-camden",
    to: "careers",
    fields: ["upn", { field: "pupil-name", inclusion: "POSSIBLE" }, { field: "sen", optional: true }, { field: "gender", optional: false }, { field: "ethnicity" }],
    purposes: ["  Careers advice  "],
    level: "AGGREGATE",
    basis: "INFERRED",
    inferenceNote: "From the LA's notice.",
    conditions: "Only on request",
    approval: null,
    minimumAge: 13,
    onRequest: true,
    optOuts: ["careers-opt-out"],
    scope: "counterpart",
    validFrom: "2019-01-01",
    validTo: null,
    recipientRole: "PROCESSOR",
    actsFor: "la-camden",
    conflictsWith: [],
    citations: [{ quote: "The LA shares names with careers services.", notice: "la-camden-notice" }, { quote: "e.g. this one" }],
  },
];

const organisations: Record<string, unknown>[] = [
  {
    id: "school-700783",
    name: "Camden Primary Academy 1",
    kind: "SCHOOL",
    aliases: [{ name: "URN 700783", basis: "OUTSIDE_KNOWLEDGE", note: "A synthetic register's name." }],
  },
  {
    id: "la-camden",
    name: " Camden Council ",
    kind: "LOCAL_AUTHORITY",
    aliases: [{ name: "Camden", basis: "STATED", citations: [{ quote: "Camden is the LA." }] }],
    predecessors: [{ organisation: "old-camden", basis: "OUTSIDE_KNOWLEDGE", note: "Merged in 1965.", citations: [] }],
    website: "https://camden.gov.uk",
    contact: null,
    role: false,
    unnamed: false,
    instanceOf: "a-local-authority",
    area: null,
    existedFrom: "1965-04-01",
    existedTo: null,
    lifetime: { basis: "OUTSIDE_KNOWLEDGE", note: "Made by the London Government Act 1963.", citations: [{ quote: "Since 1965.", notice: "x" }] },
  },
  { id: "a-school", name: "A school", kind: "SCHOOL", role: true, lifetime: null },
];

const notices: Record<string, unknown>[] = [
  { id: "synthetic-709984", title: "Synthetic privacy notice of Warrington Primary School 147", publisher: "school-709984", date: null, era: "Synthetic (generated for benchmarking)", source: null, validFrom: null, validTo: null },
  { id: "la-camden-notice", title: " Camden's notice ", publisher: "la-camden", date: "2019-09-01", eraNote: "Before the 2018 Act.", url: "https://camden.gov.uk/privacy", validFrom: "2018-05-25", validTo: "2021-08-31" },
];

const files: Record<string, unknown>[] = [
  { notice: { id: "a-notice" }, organisations: [organisations[0]], flows: [flows[0], "anything"] },
  { fields: [], optOuts: [null], holdings: [1], notice: null },
  {},
];

/** Values to put anywhere: of every type, each enum's and format's near misses included. */
const REPLACEMENTS: unknown[] = [
  null, "", " ", " padded ", "a", "x".repeat(121), "x".repeat(301), "x".repeat(4001), 0, -1, 13, 25, 26, 1.5, NaN, Infinity, true, false,
  "INDIVIDUAL", "individual", "STATED", "OUTSIDE_KNOWLEDGE", "INCLUDED", "PROCESSOR", "SUB_PROCESSOR", "SCHOOL", "school", "national", "NATIONAL",
  "not a slug", "Bad-Slug", "double--hyphen", "-leading", "trailing-", "ok-slug",
  "2019-02-30", "2019-02-28", "2019-2-28", "2019-02-28T00:00:00Z", new Date("2019-02-28T00:00:00Z"),
  "bell\u0007", "half \uD800 surrogate", "low half \uDC00 alone", "a pair \uD83D\uDE00 is fine", "del\u007f", "carriage\rreturn", "\u0000",
  "a-", "-", "a--b", "a1-b2-c3", "\u00fc-slug", "A", "x".repeat(120), "x".repeat(300), "x".repeat(4000), " x ".repeat(1400),
  "Ends here. next in lower case", "Ends here!  Next one", "Ends here?\nNext", "No split.Here", "tab\tand\nline", "One sentence. Two sentences.", "Dr. Smith said so.",
  [], [""], ["ok-slug"], ["not a slug"], [null], new Array(201).fill("ok-slug"), new Array(200).fill("ok-slug"),
  {}, { field: "ok-slug" }, { field: "ok-slug", inclusion: "OPTIONAL", optional: true }, { optOut: "ok-slug", receivedFrom: ["a"] },
  { area: "ok-slug" }, { organisation: "ok-slug" }, { quote: "A quote." }, { flow: "ok-slug", note: "A note." },
  { basis: "STATED" }, { basis: "OUTSIDE_KNOWLEDGE", note: "A note." }, { name: "A name", basis: "STATED", citations: [] },
  Object.create({ inherited: 1 }),
];

type Path = (string | number)[];
/** Every path to a value inside `value` (the root excluded). */
function paths(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== "object" || value instanceof Date) return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...at, k], ...paths((value as Record<string | number, unknown>)[k], [...at, k])]);
}

/** A deep copy made in this realm (structuredClone's objects have another realm's prototype under jest). */
function clone(value: unknown): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(clone);
  const copy = Object.create(Object.getPrototypeOf(value));
  for (const key of Object.keys(value)) copy[key] = clone((value as Record<string, unknown>)[key]);
  return copy;
}

/** A deep copy of `record` with `change` applied to the parent of `path` (its last key given). */
function variant(record: unknown, path: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = clone(record) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  change(parent, path[path.length - 1]);
  return copy;
}

/** The records to compare: each base record and every one-value change of it. */
function variants(bases: Record<string, unknown>[]): unknown[] {
  const out: unknown[] = [...bases];
  for (const base of bases) {
    const objects: Path[] = [[], ...paths(base).filter((p) => {
      let v: unknown = base;
      for (const k of p) v = (v as Record<string | number, unknown>)[k];
      return v !== null && typeof v === "object" && !Array.isArray(v);
    })];
    for (const path of paths(base)) {
      for (const value of REPLACEMENTS) out.push(variant(base, path, (parent, key) => (parent[key] = value)));
      out.push(variant(base, path, (parent, key) => (Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key])));
      out.push(variant(base, path, (parent, key) => (parent[key] = undefined)));
    }
    for (const path of objects) {
      const add = (key: string, value: unknown) => (path.length === 0 ? { ...base, [key]: value } : variant(base, [...path, key], (parent, k) => (parent[k] = value)));
      out.push(add("extra", "x"), add("__proto__", null), add("inclusion", "INCLUDED"), add("notice", "ok-slug"), add("optional", true));
    }
    out.push(JSON.parse(`{"__proto__":{"x":1}${Object.keys(base).length > 0 ? "," : ""}${JSON.stringify(base).slice(1)}`));
    out.push(Object.assign(Object.create(null), base), Object.assign(new (class Input {})(), base));
  }
  return out;
}

function compare(name: string, fast: (raw: unknown) => unknown, schema: { safeParse(raw: unknown): { success: boolean; data?: unknown } }, bases: Record<string, unknown>[], minRefused = 1 / 3) {
  describe(name, () => {
    const all = variants(bases);
    it("accepts every well-formed base record, as zod does", () => {
      for (const base of bases) {
        expect(schema.safeParse(base).success).toBe(true);
        expect(fast(base)).toStrictEqual(schema.safeParse(base).data);
      }
    });
    it(`accepts only what zod accepts, making the same value (${all.length} variants)`, () => {
      let accepted = 0;
      let refusedByZod = 0;
      for (const raw of all) {
        const quick = fast(raw);
        const slow = schema.safeParse(raw);
        if (!slow.success) refusedByZod++;
        if (quick === undefined) continue;
        accepted++;
        if (!slow.success) throw new Error(`the fast path accepts what zod refuses: ${JSON.stringify(raw)}`);
        expect(quick).toStrictEqual(slow.data);
      }
      // Not vacuous: many variants are accepted, and many refused.
      expect(accepted).toBeGreaterThan(50);
      expect(refusedByZod).toBeGreaterThan(all.length * minRefused);
    });
  });
}

compare("the fast path for flows", fastFlow, flowRecord, flows);
compare("the fast path for organisations", fastOrganisation, organisationRecord, organisations);
compare("the fast path for notices", fastNotice, noticeRecord, notices);
// A file's items are only checked later, so far fewer of its variants are refused.
compare("the fast path for a file's top level", fastRegisterFile, registerFile, files, 0.1);
