import { DataSource, EntityManager } from "typeorm";
import { bulkInsert } from "../db/bulk-insert";
import { RegisterContent, KnownIds } from "./validate";

export interface ApplyProgress {
  (table: string, done: number, total: number): void;
}

const json = (value: unknown) => JSON.stringify(value);
const bool = (value: boolean) => (value ? 1 : 0);

/**
 * Writes a validated import in one transaction: either every row lands or none does.
 * Column lists mirror the entities in `server/entities` (TypeORM's naming: camelCase columns).
 */
export async function applyRegister(dataSource: DataSource, content: RegisterContent, onProgress?: ApplyProgress): Promise<void> {
  await dataSource.transaction((manager) => writeRegister(manager, content, onProgress));
}

/** Inserts validated records with the caller's transaction (`manager`); see `applyRegister`. */
export async function writeRegister(manager: EntityManager, content: RegisterContent, onProgress?: ApplyProgress): Promise<void> {
  {
    const insert = (table: string, columns: string[], rows: unknown[][]) =>
      bulkInsert(manager, table, columns, rows, onProgress && ((done) => onProgress(table, done, rows.length)));

    await insert(
      "organisation",
      ["id", "name", "kind", "aliases", "predecessorIds", "website", "contact"],
      content.organisations.map((o) => [o.id, o.name, o.kind, json(o.aliases), json(o.predecessors), o.website, o.contact]),
    );
    await insert(
      "pupil_field",
      ["id", "label", "category", "specialCategory", "about", "narrowerIds"],
      content.fields.map((f) => [f.id, f.label, f.category, bool(f.specialCategory), f.about, json(f.narrower)]),
    );
    await insert(
      "notice",
      ["id", "title", "publisherId", "date", "era", "eraNote", "source"],
      content.notices.map((n) => [n.id, n.title, n.publisher, n.date, n.era, n.eraNote, n.source]),
    );
    await insert(
      "opt_out",
      ["id", "label", "exercisedBy", "note", "remainingFieldIds"],
      content.optOuts.map((o) => [o.id, o.label, o.exercisedBy, o.note, json(o.remainingFields)]),
    );
    await insert(
      "flow",
      ["id", "fromId", "toId", "purposes", "lawfulBasis", "level", "conditions", "minimumAge", "onRequest", "optOutIds", "approval", "basis", "inferenceNote", "validFrom", "validTo"],
      content.flows.map((f) => [
        f.id, f.from, f.to, json(f.purposes), f.lawfulBasis, f.level, f.conditions, f.minimumAge, bool(f.onRequest),
        json(f.optOuts), f.approval, f.basis, f.inferenceNote, f.validFrom, f.validTo,
      ]),
    );
    await insert(
      "flow_field",
      ["flowId", "fieldId", "optional"],
      content.flows.flatMap((f) => f.fields.map((ff) => [f.id, ff.field, bool(ff.optional)])),
    );
    await insert(
      "citation",
      ["noticeId", "quote", "flowId", "optOutId"],
      [
        ...content.flows.flatMap((f) => f.citations.map((c) => [c.notice, c.quote, f.id, null])),
        ...content.optOuts.flatMap((o) => o.citations.map((c) => [c.notice, c.quote, null, o.id])),
      ],
    );
  }
}

/** The ids already in the register, so an import can refer to them and not redefine them. */
export async function readKnownIds(dataSource: DataSource): Promise<KnownIds> {
  const ids = async (table: string) => new Set<string>((await dataSource.query(`SELECT id FROM "${table}"`)).map((r: { id: string }) => r.id));
  return {
    organisations: await ids("organisation"),
    fields: await ids("pupil_field"),
    optOuts: await ids("opt_out"),
    notices: await ids("notice"),
    flows: await ids("flow"),
  };
}
