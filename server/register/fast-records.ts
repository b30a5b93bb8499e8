import { Basis, FieldInclusion, KnowledgeBasis, Level, LifetimeBasis, OrganisationKind, RecipientRole } from "../entities/enums";
import { isPrintable } from "../limits/printable";
import { TEXT_LIMITS, type CitationRecord, type FlowRecord, type NoticeRecord, type OrganisationRecord, type RegisterFile } from "./records";

/**
 * Hand-written checks for the record shapes a national register is made of (flows,
 * organisations, and each file's notice), ahead of zod, which costs tens of microseconds each. Each function returns
 * exactly the value `flowRecord` / `organisationRecord` would (defaults filled in, texts trimmed)
 * for the records it accepts, and `undefined` for anything else: anything unusual or wrong goes
 * to zod, which accepts or refuses it with its own messages. So a fast path can only be narrower
 * than zod, never wider (test/register/fast-records.test.ts compares the two record by record).
 */

/** Defer to zod. */
const NO = undefined;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SENTENCES = /(?<=[.!?])\s+(?=[A-Z])/;

// Module constants, not imported bindings: each use of an import in the hot path costs a getter
// call under tsx's CommonJS output (measured at about 2% of the second pass).
const { id: ID_MAX, text: TEXT_MAX, name: NAME_MAX, list: LIST_MAX } = TEXT_LIMITS;
const { INCLUDED, OPTIONAL } = FieldInclusion;
const { STATED, OUTSIDE_KNOWLEDGE } = KnowledgeBasis;

const values = (e: Record<string, string>) => new Set<unknown>(Object.values(e));
const LEVELS = values(Level);
const BASES = values(Basis);
const ROLES = values(RecipientRole);
const KINDS = values(OrganisationKind);
const KNOWLEDGE = values(KnowledgeBasis);
const LIFETIME = values(LifetimeBasis);
const INCLUSIONS = values(FieldInclusion);
const SCOPES = new Set<unknown>(["national", "counterpart", "notice-area"]);

/** A plain object whose every own key is one of `keys` and has a value other than undefined. */
function plain(raw: unknown, keys: ReadonlySet<string>): raw is Record<string, unknown> {
  if (raw === null || typeof raw !== "object") return false;
  const proto = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return false;
  // The keys zod's strict objects look at (`for ... in`, as here).
  for (const key in raw) {
    if (!keys.has(key) || (raw as Record<string, unknown>)[key] === undefined) return false;
  }
  return true;
}

/** `slug`: /^[a-z0-9]+(-[a-z0-9]+)*$/ and at most TEXT_LIMITS.id characters, without a regular expression. */
function isSlug(v: unknown): v is string {
  if (typeof v !== "string" || v.length === 0 || v.length > ID_MAX) return false;
  let hyphen = true; // a hyphen may not start the slug, follow another or end it
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) hyphen = false;
    else if (c === 0x2d && !hyphen) hyphen = true;
    else return false;
  }
  return !hyphen;
}

/** `isPrintable`, scanning plain text by hand; text with a surrogate (half or whole) goes to the expression itself. */
function printable(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    } else if (c === 0x7f) return false;
    else if (c >= 0xd800 && c <= 0xdfff) return isPrintable(t);
  }
  return true;
}

/** A bounded text as zod makes it (trimmed), or undefined when zod would refuse it or might. */
function boundedText(v: unknown, max: number): string | undefined {
  if (typeof v !== "string") return NO;
  const t = v.trim();
  return t.length >= 1 && t.length <= max && printable(t) ? t : NO;
}
const text = (v: unknown) => boundedText(v, TEXT_MAX);
const name = (v: unknown) => boundedText(v, NAME_MAX);

/** `optionalText`: absent or null is null; a string is a bounded text. The outer undefined means defer. */
function optionalText(v: unknown): string | null | undefined {
  return v === undefined || v === null ? null : text(v);
}

/** `isoDate` for a string (a YAML date object goes to zod). */
function isoDate(v: unknown): string | undefined {
  if (typeof v !== "string" || !DATE.test(v)) return NO;
  const at = `${v}T00:00:00Z`;
  return !Number.isNaN(Date.parse(at)) && new Date(at).toISOString().startsWith(v) ? v : NO;
}

/** A list of at most TEXT_LIMITS.list items, each accepted by `item`; undefined if any is not. */
function list<T>(v: unknown, item: (raw: unknown) => T | undefined, max: number = LIST_MAX): T[] | undefined {
  if (!Array.isArray(v) || v.length > max) return NO;
  const out: T[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const value = item(v[i]);
    if (value === undefined) return NO;
    out[i] = value;
  }
  return out;
}

/** Whether `SENTENCES` could match: a `.`, `!` or `?` before the last character (most quotes have none, and the expression's lookbehind is slow). */
function mayEndASentence(t: string): boolean {
  for (let i = 0; i < t.length - 1; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f) return true;
  }
  return false;
}

const CITATION_KEYS = new Set(["quote", "notice"]);
function citation(raw: unknown): CitationRecord | undefined {
  if (!plain(raw, CITATION_KEYS)) return NO;
  const quote = text(raw.quote);
  // `split(SENTENCES).length > 1` in the schema: the expression never matches empty text, so a match is a split.
  if (quote === undefined || (mayEndASentence(quote) && SENTENCES.test(quote))) return NO;
  if (raw.notice === undefined) return { quote };
  return isSlug(raw.notice) ? { quote, notice: raw.notice } : NO;
}

const FIELD_KEYS = new Set(["field", "inclusion", "optional"]);
function flowField(raw: unknown): { field: string; inclusion: FieldInclusion } | undefined {
  if (typeof raw === "string") return isSlug(raw) ? { field: raw, inclusion: INCLUDED } : NO;
  if (!plain(raw, FIELD_KEYS) || !isSlug(raw.field)) return NO;
  if (raw.optional !== undefined) {
    if (raw.inclusion !== undefined || typeof raw.optional !== "boolean") return NO;
    return { field: raw.field, inclusion: raw.optional ? OPTIONAL : INCLUDED };
  }
  if (raw.inclusion === undefined) return { field: raw.field, inclusion: INCLUDED };
  return INCLUSIONS.has(raw.inclusion) ? { field: raw.field, inclusion: raw.inclusion as FieldInclusion } : NO;
}

function plainOptOut(raw: unknown): FlowRecord["optOuts"][number] | undefined {
  return isSlug(raw) ? { optOut: raw, receivedFrom: null } : NO;
}

const FLOW_KEYS = new Set([
  "id", "from", "to", "fields", "purposes", "lawfulBasis", "level", "conditions", "minimumAge", "onRequest", "optOuts", "scope",
  "approval", "basis", "inferenceNote", "validFrom", "validTo", "recipientRole", "actsFor", "conflictsWith", "citations",
]);

/** `flowRecord.parse(raw)` for the usual flow, or undefined: let zod decide. */
export function fastFlow(raw: unknown): FlowRecord | undefined {
  if (!plain(raw, FLOW_KEYS)) return NO;
  const { id, from, to, level, basis, minimumAge, onRequest, optOuts, scope, conflictsWith, recipientRole, actsFor, validFrom, validTo } = raw;
  if (!isSlug(id) || !isSlug(from) || !isSlug(to) || !LEVELS.has(level) || !BASES.has(basis)) return NO;
  const fields = list(raw.fields, flowField);
  if (fields === undefined || fields.length === 0) return NO;
  const purposes = raw.purposes === undefined ? [] : list(raw.purposes, text);
  const citations = list(raw.citations, citation);
  if (purposes === undefined || citations === undefined || citations.length === 0) return NO;
  const lawfulBasis = optionalText(raw.lawfulBasis);
  const conditions = optionalText(raw.conditions);
  const approval = optionalText(raw.approval);
  const inferenceNote = optionalText(raw.inferenceNote);
  if (lawfulBasis === undefined || conditions === undefined || approval === undefined || inferenceNote === undefined) return NO;
  if (minimumAge !== undefined && minimumAge !== null && !(typeof minimumAge === "number" && Number.isInteger(minimumAge) && minimumAge >= 0 && minimumAge <= 25)) return NO;
  if (onRequest !== undefined && typeof onRequest !== "boolean") return NO;
  // Unusual parts (opt-outs with senders, object scopes, conflicts) are zod's.
  const optOutIds = optOuts === undefined ? [] : list(optOuts, plainOptOut);
  if (optOutIds === undefined) return NO;
  if (scope !== undefined && !SCOPES.has(scope)) return NO;
  if (conflictsWith !== undefined && !(Array.isArray(conflictsWith) && conflictsWith.length === 0)) return NO;
  if (recipientRole !== undefined && recipientRole !== null && !ROLES.has(recipientRole)) return NO;
  if (actsFor !== undefined && actsFor !== null && !isSlug(actsFor)) return NO;
  const from_ = validFrom === undefined || validFrom === null ? validFrom : isoDate(validFrom);
  const to_ = validTo === undefined || validTo === null ? validTo : isoDate(validTo);
  if ((validFrom != null && from_ === undefined) || (validTo != null && to_ === undefined)) return NO;
  const flow: FlowRecord = {
    id, from, to, fields, purposes, lawfulBasis, level: level as Level, conditions,
    minimumAge: (minimumAge as number | null | undefined) ?? null,
    onRequest: (onRequest as boolean | undefined) ?? false,
    optOuts: optOutIds,
    approval, basis: basis as Basis, inferenceNote,
    recipientRole: (recipientRole as RecipientRole | null | undefined) ?? null,
    actsFor: (actsFor as string | null | undefined) ?? null,
    conflictsWith: [],
    citations,
  };
  // Optional keys without a default are absent when absent, as zod leaves them.
  if (scope !== undefined) flow.scope = scope as FlowRecord["scope"];
  if (validFrom !== undefined) flow.validFrom = from_;
  if (validTo !== undefined) flow.validTo = to_;
  return flow;
}

const EVIDENCE_KEYS = { alias: new Set(["name", "basis", "note", "citations"]), predecessor: new Set(["organisation", "basis", "note", "citations"]) };
const LIFETIME_KEYS = new Set(["basis", "note", "citations"]);

/** An alias or predecessor record whose basis is backed as `evidenced` requires; undefined otherwise. */
function evidence<K extends "name" | "organisation">(raw: unknown, key: K): ({ [k in K]: string } & { basis: KnowledgeBasis; note: string | null; citations: CitationRecord[] }) | undefined {
  if (!plain(raw, EVIDENCE_KEYS[key === "name" ? "alias" : "predecessor"])) return NO;
  const value = key === "name" ? name(raw.name) : isSlug(raw.organisation) ? raw.organisation : NO;
  const note = optionalText(raw.note);
  const citations = raw.citations === undefined ? [] : list(raw.citations, citation);
  if (value === undefined || note === undefined || citations === undefined || !KNOWLEDGE.has(raw.basis)) return NO;
  const basis = raw.basis as KnowledgeBasis;
  if ((basis === STATED && citations.length === 0) || (basis === OUTSIDE_KNOWLEDGE && note === null)) return NO;
  return { [key]: value, basis, note, citations } as { [k in K]: string } & { basis: KnowledgeBasis; note: string | null; citations: CitationRecord[] };
}

const FILE_KEYS = new Set(["notice", "organisations", "fields", "optOuts", "flows", "holdings"]);

/** `registerFile.parse(raw)` for a file whose lists are lists (their items are checked one by one later), or undefined: let zod decide. */
export function fastRegisterFile(raw: unknown): RegisterFile | undefined {
  if (!plain(raw, FILE_KEYS)) return NO;
  const file: RegisterFile = {};
  if (raw.notice !== undefined) file.notice = raw.notice;
  for (const key of ["organisations", "fields", "optOuts", "flows", "holdings"] as const) {
    const items = raw[key];
    if (items === undefined) continue;
    if (!Array.isArray(items)) return NO;
    file[key] = items;
  }
  return file;
}

const ORGANISATION_KEYS = new Set([
  "id", "name", "kind", "aliases", "predecessors", "website", "contact", "role", "unnamed", "instanceOf", "area", "existedFrom", "existedTo", "lifetime",
]);

/** `organisationRecord.parse(raw)` for the usual organisation, or undefined: let zod decide. */
export function fastOrganisation(raw: unknown): OrganisationRecord | undefined {
  if (!plain(raw, ORGANISATION_KEYS)) return NO;
  const { id, kind, role, unnamed, instanceOf, area, existedFrom, existedTo, lifetime } = raw;
  const orgName = name(raw.name);
  if (!isSlug(id) || orgName === undefined || !KINDS.has(kind)) return NO;
  const aliases = raw.aliases === undefined ? [] : list(raw.aliases, (a) => evidence(a, "name"));
  const predecessors = raw.predecessors === undefined ? [] : list(raw.predecessors, (p) => evidence(p, "organisation"));
  const website = optionalText(raw.website);
  const contact = optionalText(raw.contact);
  if (aliases === undefined || predecessors === undefined || website === undefined || contact === undefined) return NO;
  if ((role !== undefined && typeof role !== "boolean") || (unnamed !== undefined && typeof unnamed !== "boolean")) return NO;
  if ((instanceOf != null && !isSlug(instanceOf)) || (area != null && !isSlug(area))) return NO;
  const from = existedFrom == null ? null : isoDate(existedFrom);
  const to = existedTo == null ? null : isoDate(existedTo);
  if (from === undefined || to === undefined) return NO;
  let life: OrganisationRecord["lifetime"] = null;
  if (lifetime != null) {
    if (!plain(lifetime, LIFETIME_KEYS) || !LIFETIME.has(lifetime.basis)) return NO;
    const note = optionalText(lifetime.note);
    // `lifetime.citations` has no length limit in the schema: any number of citations.
    const citations = lifetime.citations === undefined ? [] : list(lifetime.citations, citation, Infinity);
    if (note === undefined || citations === undefined) return NO;
    life = { basis: lifetime.basis as LifetimeBasis, note, citations };
  }
  return {
    id, name: orgName, kind: kind as OrganisationKind, aliases, predecessors, website, contact,
    role: (role as boolean | undefined) ?? false,
    unnamed: (unnamed as boolean | undefined) ?? false,
    instanceOf: (instanceOf as string | null | undefined) ?? null,
    area: (area as string | null | undefined) ?? null,
    existedFrom: from, existedTo: to, lifetime: life,
  };
}

const NOTICE_KEYS = new Set(["id", "title", "publisher", "date", "era", "eraNote", "source", "url", "textFile", "text", "validFrom", "validTo", "scope"]);

/** An optional date as zod makes it (absent or null is null), or undefined: let zod decide. */
function optionalDate(v: unknown): string | null | undefined {
  return v === undefined || v === null ? null : isoDate(v);
}

/** `noticeRecord.parse(raw)` for a notice without its own text or default scope (every file of a national register has one), or undefined: let zod decide. */
export function fastNotice(raw: unknown): NoticeRecord | undefined {
  if (!plain(raw, NOTICE_KEYS)) return NO;
  const { id, publisher } = raw;
  const title = name(raw.title);
  if (!isSlug(id) || !isSlug(publisher) || title === undefined) return NO;
  // A text, a text file and a default scope are zod's.
  if (raw.text != null || raw.textFile != null || raw.scope !== undefined) return NO;
  const era = optionalText(raw.era);
  const eraNote = optionalText(raw.eraNote);
  const source = optionalText(raw.source);
  const url = optionalText(raw.url);
  const date = optionalDate(raw.date);
  const validFrom = optionalDate(raw.validFrom);
  const validTo = optionalDate(raw.validTo);
  if (era === undefined || eraNote === undefined || source === undefined || url === undefined || date === undefined || validFrom === undefined || validTo === undefined) return NO;
  return { id, title, publisher, date, era, eraNote, source, url, textFile: null, text: null, validFrom, validTo };
}
