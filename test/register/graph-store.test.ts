import { WriteQueue } from "../../server/db/write-queue";
import { RegisterGraphStore } from "../../server/graph-store";
import { seededDatabase } from "../support/server";

describe("the graph snapshot store", () => {
  it("preloads the graph, organisations and fields, which chain questions then reuse until a change", async () => {
    const dataSource = await seededDatabase();
    try {
      const writes = new WriteQueue(dataSource);
      const store = new RegisterGraphStore(dataSource, writes);
      const loaded = await store.preload();
      // COUNT(*) comes back as text from PostgreSQL's bigint.
      const [counts] = await dataSource.query(`SELECT (SELECT COUNT(*) FROM flow) AS flows, (SELECT COUNT(*) FROM organisation) AS organisations`);
      const [flows, organisations] = [Number(counts.flows), Number(counts.organisations)];
      expect(flows).toBeGreaterThan(100);
      expect(loaded).toMatchObject({ flows, organisations });
      expect(loaded.ms).toBeGreaterThan(0);

      const queries: string[] = [];
      const query = dataSource.query.bind(dataSource);
      dataSource.query = ((sql: string, ...rest: unknown[]) => {
        queries.push(sql);
        return (query as (...a: unknown[]) => unknown)(sql, ...rest);
      }) as typeof dataSource.query;
      const snapshot = await store.current();
      expect(snapshot.graph.data.flows).toHaveLength(flows);
      expect(snapshot.organisations.get("dfe")?.name).toBe("Department for Education");
      expect(snapshot.fields.has("ethnicity")).toBe(true);
      // The same snapshot each time, and no SQL for it (the version check goes to the driver directly).
      expect(await store.current()).toBe(snapshot);
      expect(queries).toEqual([]);

      // After a change on this connection (an in-memory register has only one), the next question loads afresh.
      await writes.run((manager) => manager.query(`UPDATE organisation SET name = 'Department for Education (renamed)' WHERE id = 'dfe'`));
      const after = await store.current();
      expect(after).not.toBe(snapshot);
      expect(after.organisations.get("dfe")?.name).toBe("Department for Education (renamed)");
      expect(queries.length).toBeGreaterThan(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
