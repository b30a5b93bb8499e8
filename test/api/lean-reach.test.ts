import type { DataSource } from "typeorm";
import { createRegisterServer, type RegisterServer } from "../../server/http/app";
import { PLAIN_ORGANISATION_FIELDS } from "../../server/lean/reach-shape";
import { CLIENT_DIR, seededDatabase } from "../support/server";

// Plain recipients and sources questions are answered straight from the search (server/lean):
// every answer must be Apollo's, byte for byte, and every error Apollo's own.

const TOKEN = "test-admin-token";
const SCHOOL = "stokes-wood-primary-school";

let dataSource: DataSource;
let lean: RegisterServer;
let apollo: RegisterServer;
let leanUrl: string;
let apolloUrl: string;

beforeAll(async () => {
  dataSource = await seededDatabase();
  // Two servers on one database: one with lean answers (the default), one sending everything to Apollo.
  lean = await createRegisterServer({ dataSource, adminToken: TOKEN, clientDir: CLIENT_DIR, log: () => {} });
  apollo = await createRegisterServer({ dataSource, adminToken: TOKEN, clientDir: CLIENT_DIR, log: () => {}, leanAnswers: false });
  leanUrl = await lean.listen(0, "127.0.0.1");
  apolloUrl = await apollo.listen(0, "127.0.0.1");
});
afterAll(async () => {
  await lean.close();
  await apollo.close();
  await dataSource.destroy();
});

interface Sent {
  status: number;
  contentType: string | null;
  body: string;
}

async function send(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}

/** Asks both servers; returns the lean server's answer, after checking it is Apollo's, and whether it was served lean. */
async function both(body: unknown, headers: Record<string, string> = {}): Promise<Sent & { servedLean: boolean }> {
  const before = lean.leanAnswers!.served;
  const fromLean = await send(leanUrl, body, headers);
  const fromApollo = await send(apolloUrl, body, headers);
  expect(fromLean).toEqual(fromApollo);
  return { ...fromLean, servedLean: lean.leanAnswers!.served === before + 1 };
}

const RECIPIENTS = `query Recipients($from: ID!, $field: ID) {
  recipients(from: $from, field: $field) { organisation { id name kind } hops level certainty }
}`;

describe("lean answers to plain recipients and sources questions", () => {
  it("are Apollo's answers, byte for byte, and are served without Apollo", async () => {
    const answer = await both({ query: RECIPIENTS, variables: { from: SCHOOL, field: "ethnicity" } });
    expect(answer.servedLean).toBe(true);
    expect(answer.status).toBe(200);
    const recipients = JSON.parse(answer.body).data.recipients;
    expect(recipients.length).toBeGreaterThan(5);
    expect(recipients[0]).toEqual({ organisation: expect.objectContaining({ id: expect.any(String) }), hops: 1, level: expect.any(String), certainty: expect.any(String) });
    expect(answer.body.endsWith("}\n")).toBe(true);
  });

  it("write every plain organisation field, aliases and __typename in the order asked", async () => {
    const organisationFields = [...PLAIN_ORGANISATION_FIELDS].reverse().join(" ");
    const query = `{ found: sources(to: "npd") { __typename certainty where: organisation { __typename ${organisationFields} label: name } hops level } }`;
    const answer = await both({ query });
    expect(answer.servedLean).toBe(true);
    const first = JSON.parse(answer.body).data.found[0];
    expect(Object.keys(first)).toEqual(["__typename", "certainty", "where", "hops", "level"]);
    expect(Object.keys(first.where)).toEqual(["__typename", ...[...PLAIN_ORGANISATION_FIELDS].reverse(), "label"]);
  });

  it.each([
    ["a field and a date", { from: SCHOOL, field: "ethnicity", asOf: "2019-09-01" }],
    ["any data, two hops", { from: SCHOOL, field: null, maxHops: 2 }],
    ["stated flows only, identifiable only", { from: SCHOOL, basis: "STATED", identifiableOnly: true }],
    ["a pupil's age", { from: SCHOOL, field: "ethnicity", pupilAge: 4 }],
    ["an empty list of opt-outs", { from: SCHOOL, optOuts: [] }],
  ])("give Apollo's answer with %s", async (_, variables) => {
    const query = `query Recipients($from: ID!, $field: ID, $asOf: LocalDate, $maxHops: Int, $basis: ChainBasis, $identifiableOnly: Boolean, $pupilAge: Int, $optOuts: [ID!]) {
      recipients(from: $from, field: $field, asOf: $asOf, maxHops: $maxHops, basis: $basis, identifiableOnly: $identifiableOnly, pupilAge: $pupilAge, optOuts: $optOuts) { organisation { id } hops level certainty }
    }`;
    const answer = await both({ query, variables });
    expect(answer.status).toBe(200);
    expect(answer.servedLean).toBe(true);
  });

  it.each([
    ["no Accept header", {}],
    ["application/json", { accept: "application/json" }],
    ["GraphQL's own media type", { accept: "application/graphql-response+json" }],
    ["Apollo Client's", { accept: "application/graphql-response+json,application/json;q=0.9" }],
    ["anything", { accept: "*/*" }],
  ])("negotiate the content type as Apollo does: %s", async (_, headers) => {
    const answer = await both({ query: RECIPIENTS, variables: { from: SCHOOL } }, headers);
    expect(answer.status).toBe(200);
    expect(answer.servedLean).toBe(true);
  });

  it("leave a request Apollo refuses for its Accept header to Apollo (406)", async () => {
    const answer = await both({ query: RECIPIENTS, variables: { from: SCHOOL } }, { accept: "text/html" });
    expect(answer.status).toBe(406);
    expect(answer.servedLean).toBe(false);
  });

  it.each([
    ["an unknown organisation", { query: RECIPIENTS, variables: { from: "nobody" } }, "NOT_FOUND"],
    ["an unknown field", { query: RECIPIENTS, variables: { from: SCHOOL, field: "shoe-size" } }, "NOT_FOUND"],
    ["a missing variable", { query: RECIPIENTS, variables: {} }, "BAD_USER_INPUT"],
    ["a variable of the wrong type", { query: RECIPIENTS, variables: { from: 12, field: ["x"] } }, "BAD_USER_INPUT"],
    ["an age out of range", { query: `{ recipients(from: "${SCHOOL}", pupilAge: 40) { hops } }` }, "BAD_USER_INPUT"],
    ["too many hops", { query: `{ recipients(from: "${SCHOOL}", maxHops: 99) { hops } }` }, "BAD_USER_INPUT"],
    ["an unknown opt-out", { query: `{ recipients(from: "${SCHOOL}", optOuts: ["no-such-opt-out"]) { hops } }` }, "NOT_FOUND"],
    ["a control character in an id", { query: RECIPIENTS, variables: { from: "stokes\u0007wood" } }, "BAD_USER_INPUT"],
    ["an id over the length limit", { query: RECIPIENTS, variables: { from: "x".repeat(5000) } }, "BAD_USER_INPUT"],
    ["an unknown argument", { query: `{ recipients(from: "${SCHOOL}", colour: RED) { hops } }` }, "GRAPHQL_VALIDATION_FAILED"],
    ["an unknown selection", { query: `{ recipients(from: "${SCHOOL}") { hops shoeSize } }` }, "GRAPHQL_VALIDATION_FAILED"],
    ["another operation's name", { query: RECIPIENTS, variables: { from: SCHOOL }, operationName: "Other" }, "OPERATION_RESOLUTION_FAILURE"],
    ["a persisted query", { query: RECIPIENTS, variables: { from: SCHOOL }, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, "PERSISTED_QUERY_NOT_SUPPORTED"],
  ])("leave %s to Apollo, which reports it", async (_, body, code) => {
    const answer = await both(body);
    expect(answer.servedLean).toBe(false);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe(code);
  });

  it.each([
    ["evidence chains", `{ recipients(from: "${SCHOOL}") { organisation { id } chain { hops { id } } } }`],
    ["an organisation's flows", `{ recipients(from: "${SCHOOL}") { organisation { id outgoing { id } } } }`],
    ["a fragment", `{ recipients(from: "${SCHOOL}") { ...R } } fragment R on Recipient { hops }`],
    ["a directive", `{ recipients(from: "${SCHOOL}") { hops @include(if: true) } }`],
    ["two questions", `{ recipients(from: "${SCHOOL}") { hops } sources(to: "npd") { hops } }`],
    ["a page", `{ recipientsReport(from: "${SCHOOL}", first: 2) { organisations { hops } } }`],
    ["opt-outs that exist", `{ recipients(from: "${SCHOOL}", optOuts: ["000-connexions-name-and-address"]) { hops } }`],
  ])("leave questions of other shapes to Apollo: %s", async (_, query) => {
    const answer = await both({ query });
    expect(answer.servedLean).toBe(false);
  });

  it("answer from the register as changed, never from an older state", async () => {
    const query = `{ recipients(from: "${SCHOOL}", field: "ethnicity") { organisation { id name } } }`;
    const named = (body: string) => JSON.parse(body).data.recipients.map((r: { organisation: { id: string; name: string } }) => r.organisation);
    const before = named((await both({ query })).body);
    const renamed = before[0].id;
    // Through both servers: they share one in-memory connection, whose own commits only the server that made them counts.
    for (const url of [leanUrl, apolloUrl]) {
      const changed = await send(url, { query: `mutation { updateOrganisation(id: "${renamed}", input: { name: "Renamed For Lean" }) { id } }` }, { authorization: `Bearer ${TOKEN}` });
      expect(JSON.parse(changed.body).errors).toBeUndefined();
    }
    const after = await both({ query });
    expect(after.servedLean).toBe(true);
    expect(named(after.body).find((o: { id: string }) => o.id === renamed).name).toBe("Renamed For Lean");
  });

  it("give every answer its own bytes when many are written at once (their buffers are used again)", async () => {
    const { organisations } = JSON.parse((await send(apolloUrl, { query: `{ organisations { id } }` })).body).data as { organisations: { id: string }[] };
    const questions = organisations.slice(0, 40).flatMap((o, i) => [
      { query: RECIPIENTS, variables: { from: o.id, field: i % 2 ? "ethnicity" : null } },
      { query: `query S($to: ID!) { sources(to: $to, maxHops: ${1 + (i % 3)}) { organisation { id name } hops level certainty } }`, variables: { to: o.id } },
    ]);
    for (let round = 0; round < 3; round++) {
      const before = lean.leanAnswers!.served;
      const fromLean = await Promise.all(questions.map((q) => send(leanUrl, q)));
      expect(lean.leanAnswers!.served - before).toBe(questions.length);
      const fromApollo = await Promise.all(questions.map((q) => send(apolloUrl, q)));
      expect(fromLean).toEqual(fromApollo);
    }
    expect(new Set((await Promise.all(questions.map((q) => send(leanUrl, q)))).map((a) => a.body)).size).toBeGreaterThan(20);
  });
});
