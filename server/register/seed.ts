import { DataSource } from "typeorm";
import { describeSummary, importRegisterFiles, ImportSummary } from "./import";

/** Whether the database holds no register yet (no organisation). */
export async function isRegisterEmpty(dataSource: DataSource): Promise<boolean> {
  const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM organisation`);
  return Number(n) === 0;
}

/** On first start (no organisations yet) loads the seed register, and says so. */
export async function seedIfEmpty(dataSource: DataSource, seedsDir: string, log: (m: string) => void): Promise<ImportSummary | null> {
  if (!(await isRegisterEmpty(dataSource))) return null;
  const summary = await importRegisterFiles(dataSource, [seedsDir]);
  log(`The database was empty, so the seed register was loaded from ${seedsDir}: ${describeSummary(summary)}.`);
  return summary;
}

