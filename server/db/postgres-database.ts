import { Client } from "pg";

/** The statement that makes a register database: code-point order for text, as on SQLite (see data-source.ts). */
export function createRegisterDatabaseSql(name: string): string {
  return `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`;
}

/**
 * Creates an empty register database called `name` on the PostgreSQL server of `serverUrl` and
 * returns its URL (the server's URL with the database's name as its path).
 */
export async function createRegisterDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(createRegisterDatabaseSql(name));
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
