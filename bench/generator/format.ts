/**
 * The import format (seeds/README.md) as the generator writes it: plain JSON-ready objects.
 * Keys whose value is the format's default are left out to keep a national register small.
 */

export type FieldRef = string | { field: string; optional: boolean };

export interface OutCitation {
  quote: string;
  notice?: string;
}

export interface OutNotice {
  id: string;
  title: string;
  publisher: string;
  date: string | null;
  era: string | null;
  source: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** Every other name carries its basis in the import format; a synthetic register's names rest on nothing but the generator. */
export interface OutAlias {
  name: string;
  basis: "OUTSIDE_KNOWLEDGE";
  note: string;
}

export function syntheticAliases(names: string[], note = "A synthetic register's name: made up by the generator, stated in no notice."): OutAlias[] {
  return names.map((name) => ({ name, basis: "OUTSIDE_KNOWLEDGE", note }));
}

export interface OutOrganisation {
  id: string;
  name: string;
  kind: string;
  aliases?: OutAlias[];
  predecessors?: string[];
  website?: string | null;
  contact?: string | null;
}

export interface OutField {
  id: string;
  label: string;
  category: string;
  about?: string;
  specialCategory?: boolean;
  narrower?: string[];
}

export interface OutOptOut {
  id: string;
  label: string;
  exercisedBy: string;
  remainingFields: string[];
  note?: string | null;
  citations?: OutCitation[];
}

export interface OutFlow {
  id: string;
  from: string;
  to: string;
  fields: FieldRef[];
  purposes?: string[];
  lawfulBasis?: string | null;
  level: "INDIVIDUAL" | "PSEUDONYMISED" | "AGGREGATE" | "ANONYMISED";
  conditions?: string | null;
  minimumAge?: number | null;
  onRequest?: boolean;
  optOuts?: string[];
  approval?: string | null;
  basis: "STATED" | "INFERRED";
  inferenceNote?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  citations: OutCitation[];
}

/** One import file: at most one notice, which its flows cite by default. */
export interface RegisterFileContent {
  notice?: OutNotice;
  organisations?: OutOrganisation[];
  fields?: OutField[];
  optOuts?: OutOptOut[];
  flows?: OutFlow[];
}

/** A file of the generated register: its path under the output folder and its content. */
export interface RegisterDocument {
  path: string;
  content: RegisterFileContent;
}

/**
 * JSON with one record per line: as fast to parse as compact JSON, but a problem's line number
 * (and a diff) points at one record.
 */
export function serialiseDocument(content: RegisterFileContent): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(content)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      parts.push(
        value.length === 0 ? `${JSON.stringify(key)}: []` : `${JSON.stringify(key)}: [\n${value.map((v) => JSON.stringify(v)).join(",\n")}\n]`,
      );
    } else {
      parts.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    }
  }
  return `{\n${parts.join(",\n")}\n}\n`;
}

/** Number of flows, flow fields and citations in a document. */
export function countRows(content: RegisterFileContent): { flows: number; flowFields: number; citations: number; organisations: number } {
  const flows = content.flows ?? [];
  return {
    flows: flows.length,
    flowFields: flows.reduce((n, f) => n + f.fields.length, 0),
    citations: flows.reduce((n, f) => n + f.citations.length, 0) + (content.optOuts ?? []).reduce((n, o) => n + (o.citations?.length ?? 0), 0),
    organisations: content.organisations?.length ?? 0,
  };
}
