import { Baseline1764547200000 } from "./1764547200000-baseline";
import { RegisterVersion1764547200001 } from "./1764547200001-register-version";
import { Fidelity1764547200002 } from "./1764547200002-fidelity";
import { RegisterStamp1764547200003 } from "./1764547200003-register-stamp";
import { RegisterChanges1764547200004 } from "./1764547200004-register-changes";

/**
 * Every schema change, oldest first; `openDatabase` runs those a database has not had yet.
 * Adding one: see seeds/README.md, "Changing the schema".
 */
export const migrations = [Baseline1764547200000, RegisterVersion1764547200001, Fidelity1764547200002, RegisterStamp1764547200003, RegisterChanges1764547200004];
