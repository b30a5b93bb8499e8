import { EntityManager } from "typeorm";

/** SQLite allows at most 32,766 bound variables per statement; stay well under it. */
const MAX_VARIABLES = 30000;

/**
 * Inserts rows with multi-row INSERT statements. TypeORM's per-entity save is far too slow for a
 * national register (hundreds of thousands of flows); this keeps an import to one statement per
 * few thousand rows inside the caller's transaction.
 */
export async function bulkInsert(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  onProgress?: (done: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_VARIABLES / columns.length));
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const placeholders = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    await manager.query(`INSERT INTO "${table}" (${quoted}) VALUES ${placeholders}`, chunk.flat());
    onProgress?.(start + chunk.length);
  }
}
