import { DataSource } from "typeorm";
import { importRegisterFiles, ImportSummary } from "./import";

const describe = (s: ImportSummary) =>
  `${s.organisations} organisations, ${s.fields} pupil fields, ${s.flows} flows, ${s.optOuts} opt-outs, ${s.notices} notices`;

/** On first start (no organisations yet) loads the seed register, and says so. */
export async function seedIfEmpty(dataSource: DataSource, seedsDir: string, log: (m: string) => void): Promise<ImportSummary | null> {
  const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM organisation`);
  if (Number(n) > 0) return null;
  const summary = await importRegisterFiles(dataSource, [seedsDir]);
  log(`The database was empty, so the seed register was loaded from ${seedsDir}: ${describe(summary)}.`);
  return summary;
}

export { describe as describeSummary };
