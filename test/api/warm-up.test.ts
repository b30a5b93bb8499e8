import { REGISTER } from "../../client/src/api/map-questions";
import { askRegister } from "../../client/src/api/transport";
import { warmUp } from "../../server/http/warm-up";
import { startTestServer, type TestServer } from "../support/server";

// After start, the server asks itself the map's questions so the first visitor finds them warm.

describe("warming up the map's questions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("asks the register, then a reach and its evidence with and without a field and a date, three times over HTTP, and every answer is an answer, not an error", async () => {
    const { questions, ms } = await warmUp(server.url);
    expect(questions).toBe(21);
    expect(ms).toBeGreaterThan(0);
  });

  it("asks as the map does, so the map's first register question finds its answer kept", async () => {
    await warmUp(server.url);
    const { hits, misses } = server.server.registerAnswers;
    await askRegister(REGISTER, {}, server.url);
    expect(server.server.registerAnswers).toMatchObject({ hits: hits + 1, misses });
  });

  it("says why when the server refuses a question", async () => {
    await expect(warmUp(server.url.replace(/\/graphql$/, "/no-such-endpoint"))).rejects.toThrow(/^HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/no-such-endpoint$/);
  });
});
