import { Basis, RecipientRole } from "../entities/enums";
import { Origin, Problem, problemAt } from "./problems";
import type { QuoteFinder } from "./quotes";
import type { FlowRecord } from "./records";
import { resolveFlowScope, type IdSet, type Refer } from "./validate-roles";
import type { Placed, ResolvedCitation, ResolvedFlow } from "./validate";

/**
 * The checks of one flow against the scope of its import (validate.ts's `checkRecords`), and of
 * citations. A national register has hundreds of thousands of flows, so the usual case (every
 * reference known, nothing repeated) allocates nothing beyond the resolved record: a path is
 * made only for a problem.
 */

// Module constants, not imported bindings (a getter call each under tsx's CommonJS output).
const { PROCESSOR, SUB_PROCESSOR } = RecipientRole;
const { INFERRED } = Basis;

/**
 * Each citation with its notice (the file's by default) and whether its quote is in the notice's
 * words: a quote the notice's stored text does not contain is a problem; with no text stored, the
 * citation is accepted as a paraphrase (`verbatim: false`).
 */
export function resolveCitations(
  citations: { quote: string; notice?: string }[],
  placed: Placed<unknown>,
  notices: IdSet,
  quotes: QuoteFinder,
  problems: Problem[],
  path: (string | number)[] = [],
): ResolvedCitation[] {
  const resolved: ResolvedCitation[] = new Array(citations.length);
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    const notice = c.notice ?? placed.fileNotice?.id;
    if (!notice) problems.push(problemAt(placed.origin, [...path, "citations", i, "notice"], "names no notice, and its file declares none: add `notice: <id>`"));
    else if (!notices.has(notice)) problems.push(problemAt(placed.origin, [...path, "citations", i, "notice"], `unknown notice \`${notice}\``));
    const found = notice ? quotes(notice, c.quote) : null;
    if (found === false) {
      problems.push(
        problemAt(placed.origin, [...path, "citations", i, "quote"], `is not in the text of notice \`${notice}\`: quote its words exactly (line breaks, runs of spaces and markdown ** may differ), or cite a shorter passage`),
      );
    }
    resolved[i] = { notice: notice ?? "", quote: c.quote, verbatim: found === true };
  }
  return resolved;
}

/**
 * The controller a processor acts for: `actsFor` when given, else the sender for a PROCESSOR.
 * A SUB_PROCESSOR must name it (it acts for its sender's controller, not its sender); no other
 * role takes one.
 */
function checkRecipientRole(flow: FlowRecord, origin: Origin, orgIds: IdSet, refer: Refer, problems: Problem[]): string | null {
  const processor = flow.recipientRole === PROCESSOR || flow.recipientRole === SUB_PROCESSOR;
  if (!processor) {
    if (flow.actsFor !== null) problems.push(problemAt(origin, ["actsFor"], "only a PROCESSOR or SUB_PROCESSOR acts for someone: set `recipientRole` or remove `actsFor`"));
    return null;
  }
  if (flow.actsFor === null && flow.recipientRole === SUB_PROCESSOR) {
    problems.push(problemAt(origin, ["actsFor"], "a SUB_PROCESSOR needs `actsFor`: the controller it processes for"));
    return null;
  }
  const actsFor = flow.actsFor ?? flow.from;
  refer(origin, ["actsFor"], "organisation", actsFor, orgIds);
  if (actsFor === flow.to) problems.push(problemAt(origin, ["actsFor"], "a processor cannot act for itself"));
  return actsFor;
}

/** What a flow is checked against. */
export interface FlowScope {
  orgIds: IdSet;
  fieldIds: IdSet;
  optOutIds: IdSet;
  flowIds: IdSet;
  noticeIds: IdSet;
  roleIds: IdSet;
  quotes: QuoteFinder;
  refer: Refer;
}

/** Checks a flow's references and rules, reporting to `problems`; returns it resolved (defaults filled in). */
export function checkFlow(p: Placed<FlowRecord>, s: FlowScope, problems: Problem[]): ResolvedFlow {
  const { value: flow, origin } = p;
  const { orgIds, refer } = s;
  // `refer` reports an unknown id; the `has` before it only saves making its path when the id is known.
  if (!orgIds.has(flow.from)) refer(origin, ["from"], "organisation", flow.from, orgIds);
  if (!orgIds.has(flow.to)) refer(origin, ["to"], "organisation", flow.to, orgIds);
  if (flow.from === flow.to) problems.push(problemAt(origin, ["to"], "a flow must go to a different organisation from the one it comes from"));
  const fields = flow.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i].field;
    if (!s.fieldIds.has(field)) refer(origin, ["fields", i], "field", field, s.fieldIds);
    // A short list: looking back is cheaper than a Set per flow.
    for (let j = 0; j < i; j++) {
      if (fields[j].field === field) {
        problems.push(problemAt(origin, ["fields", i], `field \`${field}\` is listed twice`));
        break;
      }
    }
  }
  // Loops, not forEach: a callback made per flow is a closure per flow (and, under tsx, a
  // `__name` call that defines its name).
  const optOuts: string[] = new Array(flow.optOuts.length);
  const optOutReceivedFrom: Record<string, string[]> = {};
  for (let i = 0; i < flow.optOuts.length; i++) {
    const o = flow.optOuts[i];
    optOuts[i] = o.optOut;
    refer(origin, ["optOuts", i], "opt-out", o.optOut, s.optOutIds);
    const senders = o.receivedFrom ?? [];
    for (let j = 0; j < senders.length; j++) refer(origin, ["optOuts", i, "receivedFrom", j], "organisation", senders[j], orgIds);
  }
  const actsFor = checkRecipientRole(flow, origin, orgIds, refer, problems);
  for (let i = 0; i < flow.conflictsWith.length; i++) {
    const c = flow.conflictsWith[i];
    refer(origin, ["conflictsWith", i, "flow"], "flow", c.flow, s.flowIds);
    if (c.flow === flow.id) problems.push(problemAt(origin, ["conflictsWith", i, "flow"], "a flow cannot conflict with itself"));
  }
  if (flow.basis === INFERRED && !flow.inferenceNote) {
    problems.push(problemAt(origin, ["inferenceNote"], "an INFERRED flow needs an inferenceNote saying what it is inferred from"));
  }
  const validFrom = flow.validFrom === undefined ? (p.fileNotice?.validFrom ?? null) : flow.validFrom;
  const validTo = flow.validTo === undefined ? (p.fileNotice?.validTo ?? null) : flow.validTo;
  if (validFrom && validTo && validFrom > validTo) problems.push(problemAt(origin, ["validTo"], `ends (${validTo}) before it starts (${validFrom})`));
  for (const o of flow.optOuts) if (o.receivedFrom) optOutReceivedFrom[o.optOut] = o.receivedFrom;
  const scope = resolveFlowScope(flow, p.fileNotice, origin, s.roleIds, orgIds, refer, problems);
  const citations = resolveCitations(flow.citations, p, s.noticeIds, s.quotes, problems);
  // Every key written out (not `...flow`): one shape for every flow, and the type says if one is missing.
  return {
    id: flow.id,
    from: flow.from,
    to: flow.to,
    fields: flow.fields,
    purposes: flow.purposes,
    lawfulBasis: flow.lawfulBasis,
    level: flow.level,
    conditions: flow.conditions,
    minimumAge: flow.minimumAge,
    onRequest: flow.onRequest,
    approval: flow.approval,
    basis: flow.basis,
    inferenceNote: flow.inferenceNote,
    recipientRole: flow.recipientRole,
    conflictsWith: flow.conflictsWith,
    actsFor,
    optOuts,
    optOutReceivedFrom,
    scope,
    validFrom,
    validTo,
    citations,
  } satisfies Required<ResolvedFlow>;
}
