import { RegisterGraphStore } from "../../server/graph-store";
import { seededDatabase } from "../support/server";

describe("the graph snapshot store", () => {
  it("preloads the graph, organisations and fields, which chain questions then reuse until a change", async () => {
    const dataSource = await seededDatabase();
    try {
      const store = new RegisterGraphStore(dataSource);
      const loaded = await store.preload();
      expect(loaded).toMatchObject({ flows: 134, organisations: 57 });
      expect(loaded.ms).toBeGreaterThan(0);

      const queries: string[] = [];
      const query = dataSource.query.bind(dataSource);
      dataSource.query = ((sql: string, ...rest: unknown[]) => {
        queries.push(sql);
        return (query as (...a: unknown[]) => unknown)(sql, ...rest);
      }) as typeof dataSource.query;
      const graph = await store.get();
      const organisations = await store.organisations();
      const fields = await store.fields();
      expect(graph.data.flows).toHaveLength(134);
      expect(organisations.get("dfe")?.name).toBe("Department for Education");
      expect(fields.has("ethnicity")).toBe(true);
      // The same snapshots each time, and no SQL for the graph.
      expect(await store.get()).toBe(graph);
      expect(await store.organisations()).toBe(organisations);
      expect(await store.fields()).toBe(fields);
      expect(queries).toEqual([]);

      // After a change, the next question loads afresh.
      store.invalidate();
      expect(await store.get()).not.toBe(graph);
      expect(await store.organisations()).not.toBe(organisations);
      expect(queries.length).toBeGreaterThan(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
