import { z } from "zod";
import { Basis, DataSubject, FieldCategory, Level, OrganisationKind } from "../entities/enums";
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

export const organisationRecord = z.strictObject({
  id: slug,
  name: name,
  kind: z.enum(OrganisationKind),
  aliases: list(name).default([]),
  predecessors: list(slug).default([]),
  website: optionalText,
  contact: optionalText,
});

export const fieldRecord = z.strictObject({
  id: slug,
  label: name,
  category: z.enum(FieldCategory),
  about: z.enum(DataSubject).default(DataSubject.PUPIL),
  specialCategory: z.boolean().default(false),
  narrower: list(slug).default([]),
});

export const citationRecord = z.strictObject({
  quote: text.refine((q) => q.split(/(?<=[.!?])\s+(?=[A-Z])/).length <= 1, "must be one sentence or less"),
  notice: slug.optional(),
});

export const noticeRecord = z.strictObject({
  id: slug,
  title: name,
  publisher: slug,
  date: isoDate.nullish().transform((v) => v ?? null),
  era: optionalText,
  eraNote: optionalText,
  source: optionalText,
  validFrom: isoDate.nullish().transform((v) => v ?? null),
  validTo: isoDate.nullish().transform((v) => v ?? null),
});

export const optOutRecord = z.strictObject({
  id: slug,
  label: name,
  exercisedBy: text,
  remainingFields: list(slug),
  note: optionalText,
  citations: list(citationRecord).default([]),
});

const flowFieldRecord = z.union([slug, z.strictObject({ field: slug, optional: z.boolean().default(false) })]).transform((v) =>
  typeof v === "string" ? { field: v, optional: false } : { field: v.field, optional: v.optional },
);

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
  optOuts: list(slug).default([]),
  approval: optionalText,
  basis: z.enum(Basis),
  inferenceNote: optionalText,
  validFrom: isoDate.nullish(),
  validTo: isoDate.nullish(),
  citations: list(citationRecord).min(1, "must have at least one citation: every flow cites the notice that says so"),
});

export const registerFile = z.strictObject({
  notice: z.unknown().optional(),
  organisations: z.array(z.unknown()).optional(),
  fields: z.array(z.unknown()).optional(),
  optOuts: z.array(z.unknown()).optional(),
  flows: z.array(z.unknown()).optional(),
});

export type OrganisationRecord = z.infer<typeof organisationRecord>;
export type FieldRecord = z.infer<typeof fieldRecord>;
export type CitationRecord = z.infer<typeof citationRecord>;
export type NoticeRecord = z.infer<typeof noticeRecord>;
export type OptOutRecord = z.infer<typeof optOutRecord>;
export type FlowRecord = z.infer<typeof flowRecord>;
