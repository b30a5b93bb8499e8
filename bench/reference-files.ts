import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseLocalAuthorities, parseSchoolsSample, parseVocabulary, type Reference } from "./generator/reference";

/** The project folder (bench/ is one level down). */
export const PROJECT_ROOT = resolve(__dirname, "..");

/** Reads the reference data the generator needs: `data-ref/` (copies of the real public data) and `seeds/register.yaml`. */
export function loadReference(root = PROJECT_ROOT): Reference {
  return {
    localAuthorities: parseLocalAuthorities(readFileSync(join(root, "data-ref", "local-authorities.csv"), "utf8")),
    schools: parseSchoolsSample(readFileSync(join(root, "data-ref", "schools-sample.csv"), "utf8")),
    vocabulary: parseVocabulary(readFileSync(join(root, "seeds", "register.yaml"), "utf8")),
  };
}

/** Where a generated register goes unless told otherwise: bench/out/national for the full default size. */
export function defaultRegisterDir(schools: number, seed: number, root = PROJECT_ROOT): string {
  const suffix = schools === 24000 && seed === 1 ? "" : `-${schools}${seed === 1 ? "" : `-seed${seed}`}`;
  return join(root, "bench", "out", `national${suffix}`);
}
