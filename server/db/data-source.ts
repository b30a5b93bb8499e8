import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DataSource } from "typeorm";
import { entities } from "../entities";

/**
 * Opens the register's SQLite database (`:memory:` for tests) and creates its tables if they
 * are missing. The schema is derived from the entities; there is no data to migrate yet.
 */
export async function openDatabase(path: string): Promise<DataSource> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const dataSource = new DataSource({
    type: "sqlite",
    database: path,
    entities,
    synchronize: true,
    logging: false,
  });
  await dataSource.initialize();
  // WAL lets readers go on while an import writes; foreign keys are checked by the validator.
  await dataSource.query("PRAGMA journal_mode = WAL");
  await dataSource.query("PRAGMA synchronous = NORMAL");
  return dataSource;
}
