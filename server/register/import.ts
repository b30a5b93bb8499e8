import { DataSource } from "typeorm";
import { ApplyProgress, readKnownIds, writeRegister } from "./apply";
import { readRegisterFiles } from "./parse-files";
import { inWriteTransaction } from "../db/write-queue";
import { RegisterValidationError } from "./problems";
import { noKnownIds, RegisterContent, validateRegister } from "./validate";

export interface ImportSummary {
  organisations: number;
  fields: number;
  notices: number;
  optOuts: number;
  flows: number;
  holdings: number;
}

/** "57 organisations, 56 pupil fields, 134 flows, 5 opt-outs, 5 notices" */
export function describeSummary(s: ImportSummary): string {
  return `${s.organisations} organisations, ${s.fields} pupil fields, ${s.flows} flows, ${s.holdings} holdings, ${s.optOuts} opt-outs, ${s.notices} notices`;
}

export function summarise(content: RegisterContent): ImportSummary {
  return {
    organisations: content.organisations.length,
    fields: content.fields.length,
    notices: content.notices.length,
    optOuts: content.optOuts.length,
    flows: content.flows.length,
    holdings: content.holdings.length,
  };
}

const REGISTER_TABLES = ["holding", "citation", "flow_field", "flow", "opt_out", "notice", "pupil_field", "organisation"];

/**
 * Reads, validates and applies register files as one whole.
 * Throws `RegisterValidationError` listing every problem when any is found; then nothing is applied.
 * With `replace`, the whole register is replaced by the files (in the same transaction).
 */
export async function importRegisterFiles(
  dataSource: DataSource,
  paths: string[],
  options: { onProgress?: ApplyProgress; displayRoot?: string; replace?: boolean } = {},
): Promise<ImportSummary> {
  const { files, problems: parseProblems } = readRegisterFiles(paths, options.displayRoot);
  // Validated inside the write transaction: the ids it is checked against cannot change (a server
  // on the same file creating an organisation, say) before it is written.
  const content = await inWriteTransaction(dataSource, async (manager) => {
    const { content, problems } = validateRegister(files, options.replace ? noKnownIds : await readKnownIds(manager));
    const all = [...parseProblems, ...problems];
    if (all.length > 0) throw new RegisterValidationError(all);
    // With `replace`, the old register goes in the same transaction as the new one arrives.
    if (options.replace) for (const table of REGISTER_TABLES) await manager.query(`DELETE FROM "${table}"`);
    await writeRegister(manager, content, options.onProgress);
    return content;
  });
  return summarise(content);
}
