import { Baseline1764547200000 } from "./1764547200000-baseline";
import { RegisterVersion1764547200001 } from "./1764547200001-register-version";

/**
 * Every schema change, oldest first; `openDatabase` runs those a database has not had yet.
 * Adding one: see seeds/README.md, "Changing the schema".
 */
export const migrations = [Baseline1764547200000, RegisterVersion1764547200001];
