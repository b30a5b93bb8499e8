import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../config";
import { printRegisterSchema } from "../schema";

/** `npm run schema`: writes the SDL snapshot that is committed and checked by the tests. */
printRegisterSchema().then((sdl) => {
  const path = join(PROJECT_ROOT, "schema", "schema.graphql");
  writeFileSync(path, sdl);
  console.log(`Wrote ${path}`);
});
