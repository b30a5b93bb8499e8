import { z } from "zod";
import { Basis, DataSubject, FieldCategory, FieldInclusion, KnowledgeBasis, LifetimeBasis, Level, OrganisationKind, RecipientRole } from "../entities/enums";
import { isPrintable } from "../limits/printable";

/**
 * The shape of every record in the register's import format (the YAML in `seeds/`).
 * The same schemas validate GraphQL mutation input, so the import and the API refuse the same things.
 */

/**
 * Limits on what one record may hold, the same for an import and a mutation (README, "Limits").
 * Generous for the notices' own words (the longest quote in the seed register is under 700
 * characters), small enough that one record cannot make every answer huge.
 */
export const TEXT_LIMITS = { id: 120, name: 300, text: 4_000, list: 200 } as const;

const PRINTABLE_MESSAGE = "must not contain control characters (other than tabs and line breaks) or unpaired UTF-16 surrogates";

const slug = z
  .string()
  .max(TEXT_LIMITS.id, `must be at most ${TEXT_LIMITS.id} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug of letters, digits and single hyphens (e.g. `stokes-wood-primary-school`)");
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "is not a real calendar date"),
  );
const boundedText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`).refine(isPrintable, PRINTABLE_MESSAGE);
const text = boundedText(TEXT_LIMITS.text);
const name = boundedText(TEXT_LIMITS.name);
/** A list of at most TEXT_LIMITS.list items. */
const list = <T extends z.ZodType>(item: T) => z.array(item).max(TEXT_LIMITS.list, `must list at most ${TEXT_LIMITS.list} items`);
const optionalText = text.nullish().transform((v) => v ?? null);

export const citationRecord = z.strictObject({
  quote: text.refine((q) => q.split(/(?<=[.!?])\s+(?=[A-Z])/).length <= 1, "must be one sentence or less"),
  notice: slug.optional(),
});

const optionalDate = isoDate.nullish().transform((v) => v ?? null);

/** Where an organisation's lifetime comes from: a notice (cited) or outside knowledge (a note). */
export const lifetimeRecord = z.strictObject({
  basis: z.enum(LifetimeBasis),
  note: optionalText,
  citations: z.array(citationRecord).default([]),
});

/** Where a name or a succession comes from: a notice (cited) or outside knowledge (a note). */
const evidence = {
  basis: z.enum(KnowledgeBasis),
  note: optionalText,
  citations: list(citationRecord).default([]),
};
const BASIS_HINT = "say where it comes from: `{ basis: STATED, citations: [{ quote }] }` or `{ basis: OUTSIDE_KNOWLEDGE, note: \"...\" }`";
type Evidence = { basis: KnowledgeBasis; note: string | null; citations: unknown[] };
const stated = (r: Evidence) => r.basis !== KnowledgeBasis.STATED || r.citations.length > 0;
const noted = (r: Evidence) => r.basis !== KnowledgeBasis.OUTSIDE_KNOWLEDGE || r.note !== null;
/** A bare name where a record is wanted: the one problem to report, with the fix. */
const bare = (what: string) =>
  z.string().transform((v, ctx) => {
    ctx.addIssue({ code: "custom", message: `${what} \`${v}\` has no basis: ${BASIS_HINT}` });
    return z.NEVER;
  });
const evidenced = <T extends z.ZodType<Evidence>>(what: string, record: T) =>
  z.union([
    bare(what),
    record
      .refine(stated, { message: "a STATED basis needs at least one citation from the notice that says so", path: ["citations"] })
      .refine(noted, { message: "an OUTSIDE_KNOWLEDGE basis needs a note saying what it rests on", path: ["note"] }),
  ]);

export const aliasRecord = evidenced("the name", z.strictObject({ name, ...evidence }));
export const predecessorRecord = evidenced("the predecessor", z.strictObject({ organisation: slug, ...evidence }));

export const organisationRecord = z.strictObject({
  id: slug,
  name: name,
  kind: z.enum(OrganisationKind),
  aliases: list(aliasRecord).default([]),
  predecessors: list(predecessorRecord).default([]),
  website: optionalText,
  contact: optionalText,
  role: z.boolean().default(false),
  /** a class of recipients named without naming an organisation ("school meal providers") */
  unnamed: z.boolean().default(false),
  instanceOf: slug.nullish().transform((v) => v ?? null),
  area: slug.nullish().transform((v) => v ?? null),
  existedFrom: optionalDate,
  existedTo: optionalDate,
  lifetime: lifetimeRecord.nullish().transform((v) => v ?? null),
});

/** Whose pupils a flow speaks for (see README "Roles, instances and scopes"). */
export const scopeRecord = z.union([
  z.enum(["national", "counterpart", "notice-area"]),
  z.strictObject({ area: slug }),
  z.strictObject({ organisation: slug }),
]);

/** An umbrella's contents as a reference source (not a notice) itemises them. */
export const fieldDefinitionRecord = z.strictObject({
  source: text,
  note: optionalText,
  /** narrower field id -> the source's own names for it (e.g. `ethnicity: [Ethnicity]`) */
  items: z.record(slug, z.array(text).min(1, "must name at least one item of the source")),
});

export const fieldRecord = z.strictObject({
  id: slug,
  label: name,
  category: z.enum(FieldCategory),
  about: z.enum(DataSubject).default(DataSubject.PUPIL),
  specialCategory: z.boolean().default(false),
  narrower: list(slug).default([]),
  definition: fieldDefinitionRecord.nullish().transform((v) => v ?? null),
});

export const noticeRecord = z.strictObject({
  id: slug,
  title: name,
  publisher: slug,
  date: isoDate.nullish().transform((v) => v ?? null),
  era: optionalText,
  eraNote: optionalText,
  source: optionalText,
  url: optionalText,
  /** the notice's text in a file beside this one (a plain relative name, no `..`) */
  textFile: z
    .string()
    .regex(/^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9._/-]*$/, "must be a file name beside this file (letters, digits, `._-/`, no `..`)")
    .nullish()
    .transform((v) => v ?? null),
  /** or the notice's text itself */
  text: z.string().max(2_000_000, "must be at most 2,000,000 characters").refine(isPrintable, PRINTABLE_MESSAGE).nullish().transform((v) => v ?? null),
  validFrom: isoDate.nullish().transform((v) => v ?? null),
  validTo: isoDate.nullish().transform((v) => v ?? null),
  /** the default scope of this file's flows that go to or from a role */
  scope: z.lazy(() => scopeRecord).optional(),
});

export const optOutRecord = z.strictObject({
  id: slug,
  label: name,
  exercisedBy: text,
  remainingFields: list(slug),
  note: optionalText,
  citations: list(citationRecord).default([]),
});

/**
 * A field on a flow: an id (the notice includes it), or `{ field, inclusion }` for one the notice
 * marks optional or only possibly includes. `optional: true` (the older form) means OPTIONAL.
 */
const flowFieldRecord = z
  .union([
    slug,
    z.strictObject({ field: slug, inclusion: z.enum(FieldInclusion).default(FieldInclusion.INCLUDED) }),
    z.strictObject({ field: slug, optional: z.boolean() }),
  ])
  .transform((v): { field: string; inclusion: FieldInclusion } =>
    typeof v === "string"
      ? { field: v, inclusion: FieldInclusion.INCLUDED }
      : "inclusion" in v
        ? { field: v.field, inclusion: v.inclusion }
        : { field: v.field, inclusion: v.optional ? FieldInclusion.OPTIONAL : FieldInclusion.INCLUDED },
  );

export const flowConflictRecord = z.strictObject({ flow: slug, note: text });

export const flowRecord = z.strictObject({
  id: slug,
  from: slug,
  to: slug,
  fields: list(flowFieldRecord).min(1, "must list at least one pupil field"),
  purposes: list(text).default([]),
  lawfulBasis: optionalText,
  level: z.enum(Level),
  conditions: optionalText,
  minimumAge: z.number().int("must be a whole number").min(0).max(25).nullish().transform((v) => v ?? null),
  onRequest: z.boolean().default(false),
  optOuts: list(z.union([slug, z.strictObject({ optOut: slug, receivedFrom: z.array(slug).min(1, "must name at least one sender") })]))
    .default([])
    .transform((given) => given.map((o) => (typeof o === "string" ? { optOut: o, receivedFrom: null } : o))),
  scope: scopeRecord.optional(),
  approval: optionalText,
  basis: z.enum(Basis),
  inferenceNote: optionalText,
  validFrom: isoDate.nullish(),
  validTo: isoDate.nullish(),
  /** the recipient's role when the notice states it; null = not stated */
  recipientRole: z.enum(RecipientRole).nullish().transform((v) => v ?? null),
  /** for a PROCESSOR (default: the sender) or SUB_PROCESSOR (required): the controller it acts for */
  actsFor: slug.nullish().transform((v) => v ?? null),
  conflictsWith: list(flowConflictRecord).default([]),
  citations: list(citationRecord).min(1, "must have at least one citation: every flow cites the notice that says so"),
});

/** Pupil data an organisation keeps, as a notice states it. */
export const holdingRecord = z.strictObject({
  id: slug,
  organisation: slug,
  fields: list(slug).min(1, "must list at least one pupil field"),
  retention: optionalText,
  retentionSetBy: optionalText,
  note: optionalText,
  citations: list(citationRecord).min(1, "must have at least one citation: the notice that says who keeps it"),
});

export const registerFile = z.strictObject({
  notice: z.unknown().optional(),
  organisations: z.array(z.unknown()).optional(),
  fields: z.array(z.unknown()).optional(),
  optOuts: z.array(z.unknown()).optional(),
  flows: z.array(z.unknown()).optional(),
  holdings: z.array(z.unknown()).optional(),
});

export type RegisterFile = z.infer<typeof registerFile>;
export type ScopeRecord = z.infer<typeof scopeRecord>;
export type OrganisationRecord = z.infer<typeof organisationRecord>;
export type FieldRecord = z.infer<typeof fieldRecord>;
export type CitationRecord = z.infer<typeof citationRecord>;
export type NoticeRecord = z.infer<typeof noticeRecord>;
export type OptOutRecord = z.infer<typeof optOutRecord>;
export type FlowRecord = z.infer<typeof flowRecord>;
export type HoldingRecord = z.infer<typeof holdingRecord>;
export type AliasRecord = z.infer<typeof aliasRecord>;
export type PredecessorRecord = z.infer<typeof predecessorRecord>;
