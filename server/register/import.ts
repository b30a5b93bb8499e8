import { DataSource } from "typeorm";
import { ApplyProgress, applyRegister, readKnownIds } from "./apply";
import { readRegisterFiles } from "./parse-files";
import { RegisterValidationError } from "./problems";
import { RegisterContent, validateRegister } from "./validate";

export interface ImportSummary {
  organisations: number;
  fields: number;
  notices: number;
  optOuts: number;
  flows: number;
}

export function summarise(content: RegisterContent): ImportSummary {
  return {
    organisations: content.organisations.length,
    fields: content.fields.length,
    notices: content.notices.length,
    optOuts: content.optOuts.length,
    flows: content.flows.length,
  };
}

/**
 * Reads, validates and applies register files as one whole.
 * Throws `RegisterValidationError` listing every problem when any is found; then nothing is applied.
 */
export async function importRegisterFiles(
  dataSource: DataSource,
  paths: string[],
  options: { onProgress?: ApplyProgress; displayRoot?: string } = {},
): Promise<ImportSummary> {
  const { files, problems: parseProblems } = readRegisterFiles(paths, options.displayRoot);
  const { content, problems } = validateRegister(files, await readKnownIds(dataSource));
  const all = [...parseProblems, ...problems];
  if (all.length > 0) throw new RegisterValidationError(all);
  await applyRegister(dataSource, content, options.onProgress);
  return summarise(content);
}
