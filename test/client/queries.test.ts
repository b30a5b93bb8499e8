import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, validate, type DocumentNode } from "graphql";
import * as queries from "../../client/src/api/queries";

const schema = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));

describe("the client's GraphQL operations", () => {
  const operations = Object.entries(queries) as [string, DocumentNode][];

  it("are all exported from one module", () => {
    expect(operations.map(([name]) => name).sort()).toEqual(["EVIDENCE_QUERY", "FLOWS_BETWEEN_QUERY", "ORGANISATION_QUERY", "REACH_QUERY", "REGISTER_QUERY"]);
  });

  it.each(operations)("%s is valid against the committed schema", (_name, document) => {
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });
});
