import { createApolloClient } from "../../client/src/api/apollo";
import { describeError } from "../../client/src/api/errors";
import { REACH, REGISTER } from "../../client/src/api/map-questions";
import { ORGANISATION_QUERY } from "../../client/src/api/queries";
import { askRegister, RegisterHttpError, RegisterRefusal } from "../../client/src/api/transport";
import { startTestServer, type TestServer } from "../support/server";

// The map's own questions go over fetch (no Apollo Client in its first view): answers come back
// as data, and every failure is put in words the page can show, as Apollo Client's are.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const reachFrom = (from: string) => ({ from, field: null, maxHops: 2, pupilAge: null, optOuts: null, asOf: null, basis: null, identifiableOnly: false, first: 10 });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the question to fail");
}

describe("the map's transport", () => {
  it("resolves to the answer's data", async () => {
    const register = await askRegister(REGISTER, {}, t.url);
    expect(register.organisations.map((o) => o.id)).toContain("stokes-wood-primary-school");
    const reach = await askRegister(REACH, reachFrom("stokes-wood-primary-school"), t.url);
    expect(reach.recipientsReport.organisations.length).toBeGreaterThan(0);
  });

  it("rejects with the register's own errors, which the page words as not found", async () => {
    const error = await failure(askRegister(REACH, reachFrom("no-such-school"), t.url));
    expect(error).toBeInstanceOf(RegisterRefusal);
    expect((error as RegisterRefusal).errors[0].extensions?.code).toBe("NOT_FOUND");
    expect(describeError(error)).toEqual({ title: "Not found in the register", detail: expect.stringContaining("no-such-school") });
  });

  it("rejects with the HTTP status when the answer is not GraphQL's", async () => {
    const error = await failure(askRegister(REGISTER, {}, `${t.base}/no-such-endpoint`));
    expect(error).toBeInstanceOf(RegisterHttpError);
    expect((error as RegisterHttpError).statusCode).toBe(404);
    expect(describeError(error).title).toBe("The register answered 404");
  });

  it("says the server is not answering, and how to start it, when nothing listens", async () => {
    const error = await failure(askRegister(REGISTER, {}, "http://127.0.0.1:9/graphql"));
    expect(describeError(error)).toEqual({ title: "The register's server is not answering", detail: expect.stringContaining("npm start") });
  });

  it("leaves Apollo Client's errors (the details panels') worded as before", async () => {
    const error = await failure(createApolloClient(t.url).query({ query: ORGANISATION_QUERY, variables: { id: "no-such-school" }, fetchPolicy: "no-cache" }));
    expect((error as Error).name).toBe("CombinedGraphQLErrors");
    expect(describeError(error).title).toBe("Not found in the register");
  });
});
