import { z } from "zod";
import { KnowledgeBasis, LifetimeBasis } from "../entities/enums";
import { fastFlow, fastNotice, fastOrganisation, fastRegisterFile } from "./fast-records";
import { checkFlow, resolveCitations, type FlowScope } from "./check-flows";
import { noticeTextFrom, quoteFinder, type QuoteFinder } from "./quotes";
import { ParsedFile } from "./parse-files";
import { Origin, Problem, problemAt } from "./problems";
import { checkRoleAndLifetime, type IdSet, type Refer } from "./validate-roles";
import {
  FieldRecord,
  FlowRecord,
  HoldingRecord,
  NoticeRecord,
  OptOutRecord,
  OrganisationRecord,
  fieldRecord,
  flowRecord,
  holdingRecord,
  noticeRecord,
  optOutRecord,
  organisationRecord,
  registerFile,
} from "./records";

export interface ResolvedCitation {
  notice: string;
  quote: string;
  /** true when the quote was found in the notice's text; false when the register has no text for it */
  verbatim: boolean;
}
/** A name or a succession with where it comes from. */
export interface ResolvedEvidence {
  basis: KnowledgeBasis;
  note: string | null;
  citations: ResolvedCitation[];
}
export type ResolvedOptOut = Omit<OptOutRecord, "citations"> & { citations: ResolvedCitation[] };
export type ResolvedFlow = Omit<FlowRecord, "citations" | "validFrom" | "validTo" | "optOuts" | "scope" | "actsFor"> & {
  /** for a processor: the controller it acts for */
  actsFor: string | null;
  validFrom: string | null;
  validTo: string | null;
  citations: ResolvedCitation[];
  /** opt-out ids listed on the flow */
  optOuts: string[];
  /** opt-out id -> the senders whose data it binds, for opt-outs that bind only what was received */
  optOutReceivedFrom: Record<string, string[]>;
  /** encoded scope (see `encodeScope`) */
  scope: string;
};
export type ResolvedOrganisation = Omit<OrganisationRecord, "lifetime" | "aliases" | "predecessors"> & {
  lifetime: { basis: LifetimeBasis; note: string | null; citations: ResolvedCitation[] } | null;
  aliases: (ResolvedEvidence & { name: string })[];
  predecessors: (ResolvedEvidence & { organisation: string })[];
};
export type ResolvedHolding = Omit<HoldingRecord, "citations"> & { citations: ResolvedCitation[] };
export type ResolvedNotice = Omit<NoticeRecord, "textFile" | "text"> & {
  /** the notice's text (from `text` or `textFile`), or null when the register is not given it */
  text: string | null;
};

/** A whole import, checked and with defaults filled in: ready to apply. */
export interface RegisterContent {
  notices: ResolvedNotice[];
  organisations: ResolvedOrganisation[];
  fields: FieldRecord[];
  optOuts: ResolvedOptOut[];
  flows: ResolvedFlow[];
  holdings: ResolvedHolding[];
}

/** Ids already in the register, which imported records may refer to but not redefine. */
export interface KnownIds {
  organisations: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  optOuts: ReadonlySet<string>;
  notices: ReadonlySet<string>;
  flows: ReadonlySet<string>;
  /** organisations that are roles ("a school"); absent means none */
  roles?: ReadonlySet<string>;
  holdings?: ReadonlySet<string>;
  /** notice id -> its stored text (null when the register has none), for the notices citations name */
  noticeTexts?: ReadonlyMap<string, string | null>;
}

export const noKnownIds: KnownIds = {
  organisations: new Set(),
  fields: new Set(),
  optOuts: new Set(),
  notices: new Set(),
  flows: new Set(),
  roles: new Set(),
  holdings: new Set(),
  noticeTexts: new Map(),
};

export interface Placed<T> {
  value: T;
  origin: Origin;
  /** the notice the record's file declares, which its citations and validity default to */
  fileNotice: NoticeRecord | null;
  /** the folder of the record's file, for a notice's `textFile` (null for a mutation's input) */
  dir?: string | null;
}

/** A record checked against its schema; `fast` may accept the usual shapes first (`fast-records.ts`), leaving the rest to zod. */
function parseRecord<S extends z.ZodType>(schema: S, raw: unknown, origin: Origin, problems: Problem[], fast?: (raw: unknown) => z.infer<S> | undefined): z.infer<S> | null {
  const quick = fast?.(raw);
  if (quick !== undefined) return quick;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(problemAt(origin, issue.path as (string | number)[], describeIssue(issue)));
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // A union whose branch explains itself (a bare alias: "has no basis: say where it comes from").
  if (issue.code === "invalid_union") {
    const custom = issue.errors.flat().find((e) => e.code === "custom" && e.path.length === 0);
    if (custom) return custom.message;
  }
  if (issue.code === "unrecognized_keys") return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}: check the spelling against seeds/README.md`;
  if (issue.code === "invalid_value" && "values" in issue) return `must be one of ${issue.values.join(", ")}`;
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  return issue.message;
}

/** Records of each kind, each with where it comes from. */
export interface PlacedRecords {
  notices: Placed<NoticeRecord>[];
  organisations: Placed<OrganisationRecord>[];
  fields: Placed<FieldRecord>[];
  optOuts: Placed<OptOutRecord>[];
  flows: Placed<FlowRecord>[];
  holdings: Placed<HoldingRecord>[];
}

/** Splits parsed files into records by kind, checking each record's own shape. */
export function collect(files: ParsedFile[], problems: Problem[]): PlacedRecords {
  const notices: Placed<NoticeRecord>[] = [];
  const organisations: Placed<OrganisationRecord>[] = [];
  const fields: Placed<FieldRecord>[] = [];
  const optOuts: Placed<OptOutRecord>[] = [];
  const flows: Placed<FlowRecord>[] = [];
  const holdings: Placed<HoldingRecord>[] = [];
  for (const file of files) {
    const at = (path: (string | number)[]): Origin => ({ file: file.file, path, locate: file.locate });
    if (file.data == null) continue;
    const top = parseRecord(registerFile, file.data, at([]), problems, fastRegisterFile);
    if (!top) continue;
    const fileNotice = top.notice === undefined ? null : parseRecord(noticeRecord, top.notice, at(["notice"]), problems, fastNotice);
    if (fileNotice) notices.push({ value: fileNotice, origin: at(["notice"]), fileNotice, dir: file.dir ?? null });
    const each = <T>(key: "organisations" | "fields" | "optOuts" | "flows" | "holdings", schema: z.ZodType<T>, into: Placed<T>[], fast?: (raw: unknown) => T | undefined) =>
      (top[key] ?? []).forEach((raw, i) => {
        const origin = at([key, i]);
        const value = parseRecord(schema, raw, origin, problems, fast);
        if (value) into.push({ value, origin, fileNotice });
      });
    each("organisations", organisationRecord as z.ZodType<OrganisationRecord>, organisations, fastOrganisation);
    each("fields", fieldRecord as z.ZodType<FieldRecord>, fields);
    each("optOuts", optOutRecord as z.ZodType<OptOutRecord>, optOuts);
    each("flows", flowRecord as z.ZodType<FlowRecord>, flows, fastFlow);
    each("holdings", holdingRecord as z.ZodType<HoldingRecord>, holdings);
  }
  return { notices, organisations, fields, optOuts, flows, holdings };
}

export type RecordKind = "notices" | "organisations" | "fields" | "optOuts" | "flows" | "holdings";
export const RECORD_KINDS: readonly RecordKind[] = ["notices", "organisations", "fields", "optOuts", "flows", "holdings"];

/**
 * What records are checked against: every id the register and the whole import define, the
 * notices' texts, and the cycles found among all predecessors and umbrella fields. An in-memory
 * import makes it from its own records (`scopeOfRecords`); the streaming import from a first pass
 * over its files, then checks them file by file against it.
 */
export interface RegisterScope {
  known: KnownIds;
  ids: Record<Exclude<RecordKind, "holdings">, IdSet>;
  roleIds: IdSet;
  quotes: QuoteFinder;
  /** the first definition of each id met so far, per kind, for "defined twice" (only ids in `repeated`, when given) */
  firsts: Record<RecordKind, Map<string, { file: string; path: (string | number)[] }>>;
  /** ids the import gives more than once, per kind (null: track every id) */
  repeated: Record<RecordKind, IdSet> | null;
  /** organisation id -> the predecessor chain that leads back to it */
  predecessorCycles: ReadonlyMap<string, string[]>;
  /** the umbrella-field cycle to report, at the first field (in import order) that leads into one */
  fieldCycle: { id: string; cycle: string[] } | null;
}

/** Either set: the register's ids and the import's, without copying them into one. */
export function unionIds(a: IdSet, b: IdSet): IdSet {
  // A fresh register has no ids of its own: then the import's alone, without a call in between.
  if (a instanceof Set && a.size === 0) return b;
  return { has: (id) => a.has(id) || b.has(id) };
}

export function emptyFirsts(): RegisterScope["firsts"] {
  return { notices: new Map(), organisations: new Map(), fields: new Map(), optOuts: new Map(), flows: new Map(), holdings: new Map() };
}

/** A notice's text (inline or from its `textFile`) for the quote checks, reporting nothing (the checks report). */
export function noticeTextQuietly(notice: NoticeRecord, dir: string | null): string | null {
  return noticeTextFrom(notice.text, notice.textFile, dir, () => {});
}

/** The scope of an import held in memory: the register's ids and the records' own. */
export function scopeOfRecords(placed: PlacedRecords, known: KnownIds): RegisterScope {
  const idsOf = (items: Placed<{ id: string }>[], knownIds: ReadonlySet<string>) => new Set([...knownIds, ...items.map((p) => p.value.id)]);
  return {
    known,
    ids: {
      notices: idsOf(placed.notices, known.notices),
      organisations: idsOf(placed.organisations, known.organisations),
      fields: idsOf(placed.fields, known.fields),
      optOuts: idsOf(placed.optOuts, known.optOuts),
      flows: idsOf(placed.flows, known.flows),
    },
    roleIds: new Set([...(known.roles ?? []), ...placed.organisations.filter((p) => p.value.role).map((p) => p.value.id)]),
    quotes: quoteFinder([...(known.noticeTexts ?? new Map()), ...placed.notices.map((p) => [p.value.id, noticeTextQuietly(p.value, p.dir ?? null)] as const)]),
    firsts: emptyFirsts(),
    repeated: null,
    predecessorCycles: findPredecessorCycles(placed.organisations.map((o) => [o.value.id, o.value.predecessors.map((p) => p.organisation)])),
    fieldCycle: findFieldCycle(placed.fields.map((f) => [f.value.id, f.value.narrower])),
  };
}

function checkUnique<T extends { id: string }>(kind: string, key: RecordKind, items: Placed<T>[], scope: RegisterScope, problems: Problem[]): void {
  const known: ReadonlySet<string> = key === "holdings" ? (scope.known.holdings ?? new Set()) : scope.known[key];
  const seen = scope.firsts[key];
  const repeated = scope.repeated?.[key];
  for (const { value, origin } of items) {
    // An id the import gives once cannot be defined twice: only repeated ones are remembered.
    const tracked = !repeated || repeated.has(value.id);
    const first = tracked ? seen.get(value.id) : undefined;
    if (first) {
      problems.push(problemAt(origin, ["id"], `${kind} \`${value.id}\` is defined twice (first at ${first.file} ${first.path.join(".")}); ids must be unique`));
    } else {
      if (known.has(value.id)) problems.push(problemAt(origin, ["id"], `${kind} \`${value.id}\` already exists in the register; choose another id or update the existing one`));
      if (tracked) seen.set(value.id, { file: origin.file, path: origin.path });
    }
  }
}

/**
 * Finds a cycle among umbrella fields (a field under itself), which would make "narrower"
 * meaningless: the first field, in the order given, that leads into one, and the cycle.
 */
export function findFieldCycle(fields: [string, readonly string[]][]): { id: string; cycle: string[] } | null {
  const narrower = new Map(fields);
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, trail: string[]): string[] | null => {
    if (state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return [...trail, id];
    state.set(id, "visiting");
    for (const child of narrower.get(id) ?? []) {
      const cycle = visit(child, [...trail, id]);
      if (cycle) return cycle;
    }
    state.set(id, "done");
    return null;
  };
  for (const [id] of fields) {
    const cycle = visit(id, []);
    if (cycle) return { id, cycle };
  }
  return null;
}

/**
 * Each organisation that is its own predecessor, directly or through others ("A replaced B,
 * which replaced A"), with the chain: a body cannot replace itself. Existing organisations cannot
 * name imported ones, so a cycle lies within the import (the update mutation checks the register's own).
 */
export function findPredecessorCycles(organisations: [string, readonly string[]][]): Map<string, string[]> {
  const predecessors = new Map(organisations);
  const cycles = new Map<string, string[]>();
  for (const [id] of organisations) {
    const cycle = predecessorCycle(id, (p) => predecessors.get(p) ?? []);
    if (cycle) cycles.set(id, cycle);
  }
  return cycles;
}

/** The chain `start ... start` when following predecessors from `start` comes back to it, else null. */
export function predecessorCycle(start: string, predecessorsOf: (id: string) => readonly string[]): string[] | null {
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | null => {
    for (const p of predecessorsOf(id)) {
      if (p === start) return [...trail, p];
      if (seen.has(p)) continue;
      seen.add(p);
      const found = walk(p, [...trail, p]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

/** Reports each key that repeats an earlier one in the list (the problem made for its index). */
function refuseRepeats(keys: readonly string[], problem: (index: number) => Problem, problems: Problem[]): void {
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key)) problems.push(problem(index));
    seen.add(key);
  });
}

/**
 * Checks every file of an import as one whole: each record's shape, unique ids, and every reference
 * (organisations, fields, opt-outs, notices) against the import itself and the existing register.
 * Returns every problem found, not just the first.
 */
export function validateRegister(files: ParsedFile[], known: KnownIds = noKnownIds): { content: RegisterContent; problems: Problem[] } {
  const problems: Problem[] = [];
  const placed = collect(files, problems);
  const content = checkRecords(placed, scopeOfRecords(placed, known), problems);
  return { content, problems };
}

/**
 * Checks records (already shape-checked by `collect`) against `scope` and fills in their
 * defaults: the cross-record half of `validateRegister`, which the streaming import runs on one
 * file at a time against the scope of the whole import.
 */
export function checkRecords(placed: PlacedRecords, scope: RegisterScope, problems: Problem[]): RegisterContent {
  const { organisations: orgIds, fields: fieldIds, optOuts: optOutIds, flows: flowIds, notices: noticeIds } = scope.ids;
  const { roleIds, quotes } = scope;
  checkUnique("notice", "notices", placed.notices, scope, problems);
  const notices = placed.notices.map((p): ResolvedNotice => {
    const { textFile, text, ...rest } = p.value;
    return { ...rest, text: noticeTextFrom(text, textFile, p.dir ?? null, (message) => problems.push(problemAt(p.origin, [text !== null ? "text" : "textFile"], message))) };
  });
  const cite = (citations: { quote: string; notice?: string }[], p: Placed<unknown>, path: (string | number)[] = []) => resolveCitations(citations, p, noticeIds, quotes, problems, path);
  checkUnique("organisation", "organisations", placed.organisations, scope, problems);
  checkUnique("field", "fields", placed.fields, scope, problems);
  checkUnique("opt-out", "optOuts", placed.optOuts, scope, problems);
  checkUnique("flow", "flows", placed.flows, scope, problems);
  checkUnique("holding", "holdings", placed.holdings, scope, problems);

  const refer: Refer = (origin, path, kind, id, ids) => {
    if (ids.has(id)) return;
    // A mutation's input has no file to add the organisation to: point at the API instead.
    const hint = kind !== "organisation" ? "" : origin.file === "input" ? ": create it first with createOrganisation, or check the id" : ": add it under `organisations:` or check the id";
    problems.push(problemAt(origin, path, `unknown ${kind} \`${id}\`${hint}`));
  };

  for (const { value, origin } of placed.notices) {
    refer(origin, ["publisher"], "organisation", value.publisher, orgIds);
    if (value.scope === "counterpart") problems.push(problemAt(origin, ["scope"], "a notice's default scope cannot be `counterpart`: give that on the flow"));
  }
  const organisations = placed.organisations.map((p): ResolvedOrganisation => {
    const { value, origin } = p;
    value.predecessors.forEach((r, n) => refer(origin, ["predecessors", n, "organisation"], "organisation", r.organisation, orgIds));
    const area = checkRoleAndLifetime(value, origin, roleIds, orgIds, refer, problems);
    const lifetime = value.lifetime && { ...value.lifetime, citations: cite(value.lifetime.citations, p, ["lifetime"]) };
    const aliases = value.aliases.map((a, n) => ({ ...a, citations: cite(a.citations, p, ["aliases", n]) }));
    const predecessors = value.predecessors.map((r, n) => ({ ...r, citations: cite(r.citations, p, ["predecessors", n]) }));
    refuseRepeats(predecessors.map((r) => r.organisation), (n) => problemAt(origin, ["predecessors", n, "organisation"], `the predecessor \`${predecessors[n].organisation}\` is listed twice`), problems);
    refuseRepeats(aliases.map((a) => a.name), (n) => problemAt(origin, ["aliases", n, "name"], `the name \`${aliases[n].name}\` is listed twice`), problems);
    return { ...value, area, lifetime, aliases, predecessors };
  });
  for (const { value, origin } of placed.fields) {
    value.narrower.forEach((n, i) => refer(origin, ["narrower", i], "field", n, fieldIds));
    for (const item of Object.keys(value.definition?.items ?? {})) {
      if (!value.narrower.includes(item)) problems.push(problemAt(origin, ["definition", "items", item], `\`${item}\` is itemised but not listed under \`narrower\``));
    }
  }
  for (const o of placed.organisations) {
    const cycle = scope.predecessorCycles.get(o.value.id);
    if (cycle) problems.push(problemAt(o.origin, ["predecessors"], `an organisation cannot be its own predecessor: ${cycle.join(" replaced ")}`));
  }
  const inCycle = scope.fieldCycle && placed.fields.find((f) => f.value.id === scope.fieldCycle!.id);
  if (inCycle) problems.push(problemAt(inCycle.origin, ["narrower"], `umbrella fields form a cycle: ${scope.fieldCycle!.cycle.join(" > ")}`));

  const optOuts = placed.optOuts.map((p) => {
    p.value.remainingFields.forEach((f, i) => refer(p.origin, ["remainingFields", i], "field", f, fieldIds));
    return { ...p.value, citations: cite(p.value.citations, p) };
  });

  const holdings = placed.holdings.map((p): ResolvedHolding => {
    refer(p.origin, ["organisation"], "organisation", p.value.organisation, orgIds);
    p.value.fields.forEach((f, i) => refer(p.origin, ["fields", i], "field", f, fieldIds));
    return { ...p.value, citations: cite(p.value.citations, p) };
  });

  const flowScope: FlowScope = { orgIds, fieldIds, optOutIds, flowIds, noticeIds, roleIds, quotes, refer };
  const flows = placed.flows.map((p) => checkFlow(p, flowScope, problems));

  for (const { value, origin } of placed.notices) {
    if (value.validFrom && value.validTo && value.validFrom > value.validTo) problems.push(problemAt(origin, ["validTo"], `ends (${value.validTo}) before it starts (${value.validFrom})`));
  }

  return { notices, organisations, fields: placed.fields.map((p) => p.value), optOuts, flows, holdings };
}
