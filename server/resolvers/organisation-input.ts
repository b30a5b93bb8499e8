import { EntityManager } from "typeorm";
import { runSql } from "../db/dialect";
import { Citation, KnowledgeBasis, Organisation } from "../entities";
import type { ResolvedOrganisation } from "../register/validate";
import type { AliasInput, OrganisationInput, OrganisationPatch, PredecessorInput } from "./types/inputs";
import { recordedBasis } from "./recorded-basis";

/** What an alias or a predecessor given through the older plain-list arguments is recorded as. */
const NO_SOURCE_NOTE = "Given through the API without a source.";

type EvidenceInput = { basis: KnowledgeBasis; note?: string | null; citations?: { notice: string; quote: string }[] | null };
const evidenceOf = (e: EvidenceInput) => ({ basis: e.basis, note: e.note ?? null, citations: e.citations ?? [] });

type Evidence = ReturnType<typeof evidenceOf>;

/**
 * The aliases an input states, as import records: `aliasSources` as given; plain `aliases` keep
 * the source the register already has for a name (`current`), and a new one is outside knowledge
 * with no source (true of it: no notice was cited). Undefined when neither is given.
 */
export function aliasRecords(input: Pick<OrganisationInput, "aliases" | "aliasSources">, current: (Evidence & { name: string })[] = []) {
  if (input.aliases == null && input.aliasSources == null) return undefined;
  const known = new Map(current.map((a) => [a.name, a]));
  return [
    ...(input.aliasSources ?? []).map((a: AliasInput) => ({ name: a.name, ...evidenceOf(a) })),
    ...(input.aliases ?? []).map((name) => known.get(name) ?? { name, basis: KnowledgeBasis.OUTSIDE_KNOWLEDGE, note: NO_SOURCE_NOTE, citations: [] }),
  ];
}

/** The predecessors an input states, as import records (see `aliasRecords`). */
export function predecessorRecords(input: Pick<OrganisationInput, "predecessors" | "predecessorSources">, current: (Evidence & { organisation: string })[] = []) {
  if (input.predecessors == null && input.predecessorSources == null) return undefined;
  const known = new Map(current.map((p) => [p.organisation, p]));
  return [
    ...(input.predecessorSources ?? []).map((p: PredecessorInput) => ({ organisation: p.organisation, ...evidenceOf(p) })),
    ...(input.predecessors ?? []).map((organisation) => known.get(organisation) ?? { organisation, basis: KnowledgeBasis.OUTSIDE_KNOWLEDGE, note: NO_SOURCE_NOTE, citations: [] }),
  ];
}

/** An organisation's current aliases and predecessors as import records, with their citations. */
export async function currentEvidence(manager: EntityManager, current: Organisation) {
  const rows = await manager.find(Citation, { where: { organisationId: current.id }, order: { rowId: "ASC" } });
  const citationsOf = (topic: string) => rows.filter((c) => c.topic === topic).map((c) => ({ notice: c.noticeId, quote: c.quote }));
  const basisOf = (map: Record<string, { basis: KnowledgeBasis; note: string | null }> | undefined, key: string) =>
    recordedBasis(map, key, { basis: KnowledgeBasis.OUTSIDE_KNOWLEDGE, note: NO_SOURCE_NOTE });
  return {
    aliases: current.aliases.map((name) => ({ name, ...basisOf(current.aliasBasis, name), citations: citationsOf(`alias:${name}`) })),
    predecessors: current.predecessorIds.map((organisation) => ({
      organisation,
      ...basisOf(current.predecessorBasis, organisation),
      citations: citationsOf(`predecessor:${organisation}`),
    })),
  };
}

/**
 * Writes a patched organisation's names or predecessors: the columns and their citation rows
 * (replaced whole, as the lists are), inside the caller's transaction.
 */
export async function writeEvidence(manager: EntityManager, record: ResolvedOrganisation, patch: OrganisationPatch): Promise<Partial<Organisation>> {
  const changes: Partial<Organisation> = {};
  const replace = async (prefix: string, rows: { key: string; citations: { notice: string; quote: string; verbatim: boolean }[] }[]) => {
    await runSql(manager, `DELETE FROM citation WHERE "organisationId" = ? AND topic LIKE ?`, [record.id, `${prefix}:%`]);
    for (const row of rows) {
      for (const c of row.citations) {
        await manager.insert(Citation, { noticeId: c.notice, quote: c.quote, verbatim: c.verbatim, organisationId: record.id, topic: `${prefix}:${row.key}` });
      }
    }
  };
  if (patch.aliases != null || patch.aliasSources != null) {
    changes.aliases = record.aliases.map((a) => a.name);
    changes.aliasBasis = Object.fromEntries(record.aliases.map((a) => [a.name, { basis: a.basis, note: a.note }]));
    await replace("alias", record.aliases.map((a) => ({ key: a.name, citations: a.citations })));
  }
  if (patch.predecessors != null || patch.predecessorSources != null) {
    changes.predecessorIds = record.predecessors.map((p) => p.organisation);
    changes.predecessorBasis = Object.fromEntries(record.predecessors.map((p) => [p.organisation, { basis: p.basis, note: p.note }]));
    await replace("predecessor", record.predecessors.map((p) => ({ key: p.organisation, citations: p.citations })));
  }
  return changes;
}
