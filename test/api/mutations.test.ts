import { startTestServer, TestServer } from "../support/server";
import { data, execute } from "../support/graphql";

const TOKEN = "test-admin-token";
const ADMIN = `Bearer ${TOKEN}`;

const CREATE_FLOW = `mutation($input: FlowInput!) { createFlow(input: $input) { id from { id } to { id } fields { field { id } optional } citations { quote notice { id } } } }`;
const newFlow = (overrides: Record<string, unknown> = {}) => ({
  id: "test-s-cool-to-fft",
  from: "s-cool",
  to: "fischer-family-trust",
  fields: [{ field: "ethnicity", optional: true }],
  level: "INDIVIDUAL",
  basis: "INFERRED",
  inferenceNote: "A test flow",
  citations: [{ notice: "la-dcsf-era", quote: "S-cool Limited also requests the ethnicity and gender of learners" }],
  ...overrides,
});

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ adminToken: TOKEN, listen: false });
});
afterEach(() => t.close());

describe("changing the register", () => {
  it("refuses changes without the admin token, with UNAUTHENTICATED and what to send", async () => {
    const result = await execute(t, CREATE_FLOW, { input: newFlow() });
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.errors?.[0].message).toMatch(/Authorization: Bearer/);
    const wrong = await execute(t, CREATE_FLOW, { input: newFlow() }, "Bearer not-the-token");
    expect(wrong.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const { flows } = await data(t, `{ flows(from: "s-cool") { id } }`);
    expect(flows.map((f: any) => f.id)).toEqual(["000-s-cool-to-educational-organisations"]);
  });

  it("is read-only when the server was started without a token", async () => {
    const readOnly = await startTestServer({ adminToken: null, listen: false });
    try {
      const result = await execute(readOnly, CREATE_FLOW, { input: newFlow() }, ADMIN);
      expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(result.errors?.[0].message).toMatch(/read-only/);
    } finally {
      await readOnly.close();
    }
  });

  it("creates a flow that chains then follow", async () => {
    const created = await execute(t, CREATE_FLOW, { input: newFlow() }, ADMIN);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createFlow).toEqual({
      id: "test-s-cool-to-fft",
      from: { id: "s-cool" },
      to: { id: "fischer-family-trust" },
      fields: [{ field: { id: "ethnicity" }, optional: true }],
      citations: [{ quote: "S-cool Limited also requests the ethnicity and gender of learners", notice: { id: "la-dcsf-era" } }],
    });
    const { recipients } = await data(t, `{ recipients(from: "s-cool", field: "ethnicity") { organisation { id } hops } }`);
    expect(recipients).toContainEqual({ organisation: { id: "fischer-family-trust" }, hops: 1 });
  });

  it("refuses bad input with BAD_USER_INPUT naming the field, and changes nothing", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ to: "hogwarts" }, "input.to", /unknown organisation `hogwarts`: create it first with createOrganisation/],
      [{ fields: [{ field: "shoe-size", optional: false }] }, "input.fields[0]", /unknown field `shoe-size`/],
      [{ inferenceNote: null }, "input.inferenceNote", /needs an inferenceNote/],
      [{ citations: [] }, "input.citations", /at least one citation/],
      [{ id: "Not A Slug" }, "input.id", /slug/],
      [{ id: "000-school-to-s-cool" }, "input.id", /already exists/],
      [{ minimumAge: -3 }, "input.minimumAge", /Too small|>=0/i],
      [{ citations: [{ notice: "no-such-notice", quote: "x" }] }, "input.citations[0].notice", /unknown notice/],
    ];
    for (const [overrides, field, message] of cases) {
      const result = await execute(t, CREATE_FLOW, { input: newFlow(overrides) }, ADMIN);
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(result.errors?.[0].message).toMatch(message);
    }
    const { flows } = await data(t, `{ flows(from: "s-cool") { id } }`);
    expect(flows).toHaveLength(1);
  });

  it("updates a flow, keeping what the patch leaves out", async () => {
    const result = await execute(
      t,
      `mutation { updateFlow(id: "000-school-to-s-cool", input: { level: PSEUDONYMISED, minimumAge: 11 }) { id level minimumAge fields { field { id } } citations { quote } } }`,
      {},
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    const flow = (result.data as any).updateFlow;
    expect(flow.level).toBe("PSEUDONYMISED");
    expect(flow.minimumAge).toBe(11);
    // 000: "High schools may send information about pupils ...": the umbrella and the four items named.
    expect(flow.fields).toHaveLength(5);
    expect(flow.citations).toHaveLength(4);
    const bad = await execute(t, `mutation { updateFlow(id: "000-school-to-s-cool", input: { to: "school" }) { id } }`, {}, ADMIN);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.to" });
    const missing = await execute(t, `mutation { updateFlow(id: "no-such-flow", input: { level: AGGREGATE }) { id } }`, {}, ADMIN);
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("deletes a flow, and the chains stop using it", async () => {
    const before = await data(t, `{ recipients(from: "wigan-council") { organisation { id } } }`);
    expect(before.recipients.map((r: any) => r.organisation.id)).toContain("alkemygold");
    const result = await execute(t, `mutation { deleteFlow(id: "004-wigan-council-to-alkemygold") }`, {}, ADMIN);
    expect(result.data).toEqual({ deleteFlow: "004-wigan-council-to-alkemygold" });
    const after = await data(t, `{ recipients(from: "wigan-council") { organisation { id } } }`);
    expect(after.recipients.map((r: any) => r.organisation.id)).not.toContain("alkemygold");
  });

  it("creates, renames and deletes an organisation, refusing to delete one still in use", async () => {
    const created = await execute(
      t,
      `mutation { createOrganisation(input: { id: "acme-analytics", name: "Acme Analytics", kind: COMMERCIAL, aliases: ["Acme"] }) { id name aliases } }`,
      {},
      ADMIN,
    );
    expect(created.data).toEqual({ createOrganisation: { id: "acme-analytics", name: "Acme Analytics", aliases: ["Acme"] } });
    const renamed = await execute(t, `mutation { updateOrganisation(id: "acme-analytics", input: { name: "Acme Ltd" }) { name kind aliases } }`, {}, ADMIN);
    expect(renamed.data).toEqual({ updateOrganisation: { name: "Acme Ltd", kind: "COMMERCIAL", aliases: ["Acme"] } });
    const badKind = await execute(t, `mutation { updateOrganisation(id: "acme-analytics", input: { predecessors: ["nobody"] }) { id } }`, {}, ADMIN);
    expect(badKind.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.predecessors[0]" });
    const inUse = await execute(t, `mutation { deleteOrganisation(id: "s-cool") }`, {}, ADMIN);
    expect(inUse.errors?.[0].extensions?.code).toBe("CONFLICT");
    const deleted = await execute(t, `mutation { deleteOrganisation(id: "acme-analytics") }`, {}, ADMIN);
    expect(deleted.data).toEqual({ deleteOrganisation: "acme-analytics" });
    const duplicate = await execute(t, `mutation { createOrganisation(input: { id: "dfe", name: "Another DfE", kind: OTHER }) { id } }`, {}, ADMIN);
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
  });

  it("keeps a flow's scope and its opt-out's binding to what was received when a patch names neither", async () => {
    const query = `{ flow(id: "000-la-to-connexions") { purposes scope { kind area } optOutBindings { optOutId receivedFrom { id } } } }`;
    const before = (await data(t, query)).flow;
    expect(before.optOutBindings).toEqual([{ optOutId: "000-connexions-name-and-address", receivedFrom: [{ id: "school" }] }]);
    const patched = await execute(t, `mutation { updateFlow(id: "000-la-to-connexions", input: { purposes: ["Careers advice"] }) { id } }`, {}, ADMIN);
    expect(patched.errors).toBeUndefined();
    const after = (await data(t, query)).flow;
    expect(after).toEqual({ ...before, purposes: ["Careers advice"] });
  });
});
