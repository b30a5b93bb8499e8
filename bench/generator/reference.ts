import { parse as parseYaml } from "yaml";
import type { OutField, OutOrganisation } from "./format";
import { parseCsvRecords } from "./csv";

/**
 * The reference data a national register is generated from: the real LA list, the real school
 * sample (for its mix of phases and types) and the seed register's vocabulary. Parsing is pure;
 * `bench/reference-files.ts` reads the files.
 */

export interface LocalAuthority {
  /** DfE LA code, e.g. "831" */
  code: string;
  name: string;
}

export interface SampleSchool {
  urn: string;
  name: string;
  /** empty for trust schools the sample gives no LA */
  laCode: string;
  phase: string;
  typeGroup: string;
}

/** A record as `seeds/register.yaml` writes it: the same shapes the generator writes out. */
export type VocabularyField = OutField;
export type VocabularyOrganisation = OutOrganisation;

export interface Vocabulary {
  fields: VocabularyField[];
  organisations: VocabularyOrganisation[];
}

export interface Reference {
  localAuthorities: LocalAuthority[];
  schools: SampleSchool[];
  vocabulary: Vocabulary;
}

export function parseLocalAuthorities(csv: string): LocalAuthority[] {
  const las = parseCsvRecords(csv, ["LA_code", "LA_name"]).map((r) => ({ code: r.LA_code, name: r.LA_name }));
  const codes = new Set(las.map((la) => la.code));
  if (codes.size !== las.length) throw new Error("local-authorities.csv repeats an LA code");
  return las;
}

export function parseSchoolsSample(csv: string): SampleSchool[] {
  return parseCsvRecords(csv, ["URN", "EstablishmentName", "LA_code", "Phase", "TypeGroup"]).map((r) => ({
    urn: r.URN,
    name: r.EstablishmentName,
    laCode: r.LA_code,
    phase: r.Phase,
    typeGroup: r.TypeGroup,
  }));
}

/** The shared vocabulary (`fields` and `organisations`) of `seeds/register.yaml`. */
export function parseVocabulary(yamlText: string): Vocabulary {
  const doc = parseYaml(yamlText) as { fields?: VocabularyField[]; organisations?: VocabularyOrganisation[] } | null;
  const fields = doc?.fields ?? [];
  const organisations = doc?.organisations ?? [];
  if (fields.length === 0) throw new Error("seeds/register.yaml defines no fields");
  return { fields, organisations };
}
