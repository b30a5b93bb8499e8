import type { ParsedFile } from "./parse-files";
import { fastNotice, fastOrganisation, fastRegisterFile } from "./fast-records";
import { quoteFinder } from "./quotes";
import { fieldRecord, noticeRecord, optOutRecord, organisationRecord, registerFile } from "./records";
import { findFieldCycle, findPredecessorCycles, KnownIds, noticeTextQuietly, RECORD_KINDS, RecordKind, RegisterScope, emptyFirsts, unionIds } from "./validate";

/** Everything `FirstPass` keeps, as plain data. */
export interface FirstPassState {
  given: Record<RecordKind, Set<string>>;
  repeated: Record<RecordKind, Set<string>>;
  defined: { notices: Set<string>; organisations: Set<string>; fields: Set<string>; optOuts: Set<string> };
  roles: Set<string>;
  noticeTexts: [string, string | null][];
  predecessors: [string, string[]][];
  narrower: [string, string[]][];
  counts: { organisations: number; notices: number; fields: number; optOuts: number; flows: number; holdings: number; flowFields: number; flowCitations: number; otherCitations: number };
  /** flows' `conflictsWith` entries: the only references to other flows */
  flowReferences: number;
}

/**
 * What the first pass keeps of each file: every id (the ids a flow may conflict with, and which
 * ids are given more than once), the ids of well-formed notices, organisations, fields and
 * opt-outs (which other records may name), roles, predecessors, umbrella fields, notices' texts,
 * and row counts. Flows, the bulk of a register, are not checked here (the second pass does):
 * only their ids and the lengths of their lists are read.
 */
export class FirstPass {
  private readonly given: FirstPassState["given"];
  private readonly repeated: FirstPassState["repeated"];
  private readonly defined: FirstPassState["defined"];
  private readonly roles: FirstPassState["roles"];
  private readonly noticeTexts: FirstPassState["noticeTexts"];
  private readonly predecessors: FirstPassState["predecessors"];
  private readonly narrower: FirstPassState["narrower"];
  readonly counts: FirstPassState["counts"];
  private flowReferences: number;

  /** Empty, or what another thread's first pass kept (`state`). */
  constructor(state?: FirstPassState) {
    const sets = () => Object.fromEntries(RECORD_KINDS.map((k) => [k, new Set<string>()])) as Record<RecordKind, Set<string>>;
    this.given = state?.given ?? sets();
    this.repeated = state?.repeated ?? sets();
    this.defined = state?.defined ?? { notices: new Set(), organisations: new Set(), fields: new Set(), optOuts: new Set() };
    this.roles = state?.roles ?? new Set();
    this.noticeTexts = state?.noticeTexts ?? [];
    this.predecessors = state?.predecessors ?? [];
    this.narrower = state?.narrower ?? [];
    this.counts = state?.counts ?? { organisations: 0, notices: 0, fields: 0, optOuts: 0, flows: 0, holdings: 0, flowFields: 0, flowCitations: 0, otherCitations: 0 };
    this.flowReferences = state?.flowReferences ?? 0;
  }

  /** What this pass kept, as plain data another thread can be sent (structured clone). */
  state(): FirstPassState {
    const { given, repeated, defined, roles, noticeTexts, predecessors, narrower, counts, flowReferences } = this;
    return { given, repeated, defined, roles, noticeTexts, predecessors, narrower, counts, flowReferences };
  }

  /** Adds what another thread's first pass kept of the files after this one's, as if this one had read them next. */
  merge(later: FirstPassState): void {
    for (const kind of RECORD_KINDS) {
      const given = this.given[kind];
      for (const id of later.given[kind]) {
        if (given.has(id)) this.repeated[kind].add(id);
        else given.add(id);
      }
      for (const id of later.repeated[kind]) this.repeated[kind].add(id);
    }
    for (const key of Object.keys(this.defined) as (keyof FirstPassState["defined"])[]) for (const id of later.defined[key]) this.defined[key].add(id);
    for (const id of later.roles) this.roles.add(id);
    for (const entry of later.noticeTexts) this.noticeTexts.push(entry);
    for (const entry of later.predecessors) this.predecessors.push(entry);
    for (const entry of later.narrower) this.narrower.push(entry);
    for (const key of Object.keys(this.counts) as (keyof FirstPassState["counts"])[]) this.counts[key] += later.counts[key];
    this.flowReferences += later.flowReferences;
  }

  /**
   * Once every file is read: when no flow names another (`conflictsWith`), the second pass never
   * asks for flow ids, so they are let go (the largest thing this pass keeps, about 100 bytes a
   * flow, and held by each worker that checks). Which ids were given twice is kept.
   */
  forgetUnreferencedFlowIds(): void {
    if (this.flowReferences === 0) this.given.flows.clear();
  }

  /** Whether any id was given more than once (its "defined twice" problems name the first place, which only a check of every file in order knows). */
  anyRepeated(): boolean {
    return RECORD_KINDS.some((k) => this.repeated[k].size > 0);
  }

  add(file: ParsedFile): void {
    if (file.data == null) return;
    const fast = fastRegisterFile(file.data);
    const top = fast ? { success: true as const, data: fast } : registerFile.safeParse(file.data);
    if (!top.success) return;
    const { notice, organisations = [], fields = [], optOuts = [], flows = [], holdings = [] } = top.data;
    const c = this.counts;
    if (notice !== undefined) {
      this.give("notices", notice);
      const fast = fastNotice(notice);
      const n = fast ? { success: true as const, data: fast } : noticeRecord.safeParse(notice);
      if (n.success) {
        this.defined.notices.add(n.data.id);
        this.noticeTexts.push([n.data.id, noticeTextQuietly(n.data, file.dir ?? null)]);
        c.notices++;
      }
    }
    for (const raw of organisations) {
      this.give("organisations", raw);
      const fast = fastOrganisation(raw);
      const o = fast ? { success: true as const, data: fast } : organisationRecord.safeParse(raw);
      if (!o.success) continue;
      this.defined.organisations.add(o.data.id);
      if (o.data.role) this.roles.add(o.data.id);
      this.predecessors.push([o.data.id, o.data.predecessors.map((p) => p.organisation)]);
      c.organisations++;
      c.otherCitations += (o.data.lifetime?.citations.length ?? 0) + o.data.aliases.reduce((n, a) => n + a.citations.length, 0) + o.data.predecessors.reduce((n, p) => n + p.citations.length, 0);
    }
    for (const raw of fields) {
      this.give("fields", raw);
      const f = fieldRecord.safeParse(raw);
      if (!f.success) continue;
      this.defined.fields.add(f.data.id);
      this.narrower.push([f.data.id, f.data.narrower]);
      c.fields++;
    }
    for (const raw of optOuts) {
      this.give("optOuts", raw);
      const o = optOutRecord.safeParse(raw);
      if (!o.success) continue;
      this.defined.optOuts.add(o.data.id);
      c.optOuts++;
      c.otherCitations += o.data.citations.length;
    }
    for (const raw of flows) {
      this.give("flows", raw);
      c.flows++;
      this.flowReferences += lengthOf(raw, "conflictsWith");
      c.flowFields += lengthOf(raw, "fields");
      c.flowCitations += lengthOf(raw, "citations");
    }
    for (const raw of holdings) {
      this.give("holdings", raw);
      c.holdings++;
      c.otherCitations += lengthOf(raw, "citations");
    }
  }

  /** Rows the import will write when it is valid (the progress total). */
  rows(): number {
    const c = this.counts;
    return c.organisations + c.notices + c.fields + c.optOuts + c.flows + c.holdings + c.flowFields + c.flowCitations + c.otherCitations;
  }

  /** What each file is checked against: the register's ids (`known`) and the whole import's. */
  scope(known: KnownIds): RegisterScope {
    return {
      known,
      ids: {
        notices: unionIds(known.notices, this.defined.notices),
        organisations: unionIds(known.organisations, this.defined.organisations),
        fields: unionIds(known.fields, this.defined.fields),
        optOuts: unionIds(known.optOuts, this.defined.optOuts),
        // Every flow id given, well-formed or not: a malformed flow is reported in its own right.
        flows: unionIds(known.flows, this.given.flows),
      },
      roleIds: unionIds(known.roles ?? new Set(), this.roles),
      quotes: quoteFinder([...(known.noticeTexts ?? new Map()), ...this.noticeTexts]),
      firsts: emptyFirsts(),
      repeated: this.repeated,
      predecessorCycles: findPredecessorCycles(this.predecessors),
      fieldCycle: findFieldCycle(this.narrower),
    };
  }

  /** Notes a record's id, and whether the import gave it before. */
  private give(kind: RecordKind, raw: unknown): void {
    const id = raw !== null && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
    if (typeof id !== "string") return;
    // One hash lookup, not two: the set does not grow when it had the id.
    const given = this.given[kind];
    const before = given.size;
    given.add(id);
    if (given.size === before) this.repeated[kind].add(id);
  }
}

function lengthOf(raw: unknown, key: string): number {
  const list = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.length : 0;
}
