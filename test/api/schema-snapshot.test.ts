import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../server/config";
import { printRegisterSchema } from "../../server/schema";

describe("the committed SDL", () => {
  it("matches the schema the server builds (run `npm run schema` after an API change)", async () => {
    const committed = readFileSync(join(PROJECT_ROOT, "schema", "schema.graphql"), "utf8");
    expect(await printRegisterSchema()).toBe(committed);
  });
});
