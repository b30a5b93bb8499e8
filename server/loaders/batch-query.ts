import { DataSource, EntityTarget, FindOptionsOrder, In, ObjectLiteral } from "typeorm";

/** Keep each IN (...) list well under SQLite's bound-variable limit. */
const CHUNK = 10000;

/**
 * Loads rows whose `column` is one of `keys`, in as few queries as the variable limit allows, in
 * `order` (PostgreSQL promises no order without one; SQLite's happened to be insertion order).
 */
export async function findWhereIn<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  column: keyof T & string,
  keys: readonly string[],
  order?: FindOptionsOrder<T>,
): Promise<T[]> {
  const rows: T[] = [];
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    rows.push(...(await dataSource.getRepository(entity).find({ where: { [column]: In(unique.slice(i, i + CHUNK)) } as never, order })));
  }
  return rows;
}

/** For a DataLoader: one value (or null) per key, in key order. */
export function oneEach<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
}

/** For a DataLoader: the list of rows for each key, in key order. */
export function manyEach<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const byKey = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = byKey.get(k);
    if (list) list.push(row);
    else byKey.set(k, [row]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}
