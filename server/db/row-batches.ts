/** Rows per INSERT statement: a few MB of JSON each, so progress moves and memory stays flat. */
export const ROWS_PER_STATEMENT = 5000;

/**
 * Rows for several tables arriving mixed (a streaming import adds each file's organisations,
 * flows, fields and citations as it checks them), gathered in a batch per table. A full batch
 * goes to `send` as one JSON array of rows (what `insertRowStream`'s statements take), so memory
 * holds at most a batch per table. Imports nothing, so an import's worker thread can use it.
 */
export class RowBatcher {
  private readonly batches = new Map<string, unknown[][]>();

  constructor(
    tables: Iterable<string>,
    private readonly send: (table: string, json: string, rows: number) => Promise<void> | void,
  ) {
    for (const table of tables) this.batches.set(table, []);
  }

  add(table: string, row: unknown[]): void {
    this.batches.get(table)!.push(row);
  }

  /** Sends every batch that is full (`all`: every one that holds a row). */
  async flush(all = false): Promise<void> {
    for (const [table, rows] of this.batches) {
      if (rows.length >= ROWS_PER_STATEMENT || (all && rows.length > 0)) {
        this.batches.set(table, []);
        await this.send(table, JSON.stringify(rows), rows.length);
      }
    }
  }

  /** `flush` for a `send` that returns nothing (it blocks instead: the worker's). */
  flushSync(all = false): void {
    for (const [table, rows] of this.batches) {
      if (rows.length >= ROWS_PER_STATEMENT || (all && rows.length > 0)) {
        this.batches.set(table, []);
        void this.send(table, JSON.stringify(rows), rows.length);
      }
    }
  }
}
