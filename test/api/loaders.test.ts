import { recordQueries } from "../support/graphql";
import { startTestServer, TestServer } from "../support/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ listen: false });
});
afterAll(() => t.close());

describe("a request's DataLoaders", () => {
  it("are made when first used, then the same one for the rest of the request", async () => {
    const context = t.server.contextFor();
    const made = (context.loaders as unknown as { made: Record<string, unknown> }).made;
    expect(Object.keys(made)).toEqual([]);
    const flow = context.loaders.flow;
    expect(context.loaders.flow).toBe(flow);
    expect(Object.keys(made)).toEqual(["flow"]);
    // Two loads in one tick, through two reads of the property, are one batch on the same loader.
    const [{ id }] = await t.dataSource.query(`SELECT id FROM flow ORDER BY id LIMIT 1`);
    let found: unknown[] = [];
    const statements = await recordQueries(t, async () => {
      found = await Promise.all([flow.load(id), context.loaders.flow.load("no-such-flow")]);
    });
    expect(found).toEqual([expect.objectContaining({ id }), null]);
    expect(statements.filter((s) => /FROM "flow"/i.test(s))).toHaveLength(1);
  });

  it("are never shared between requests", () => {
    const one = t.server.contextFor();
    const two = t.server.contextFor();
    expect(one.loaders.organisation).not.toBe(two.loaders.organisation);
    expect(one.loaders.flowFields).not.toBe(two.loaders.flowFields);
  });
});
