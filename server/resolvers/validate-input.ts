import { EntityManager, In } from "typeorm";
import { Flow, Notice, OptOut, Organisation, PupilField } from "../entities";
import { BadUserInputError } from "../errors";
import { readNoticeTexts, readRoleIds } from "../register/apply";
import { ParsedFile } from "../register/parse-files";
import { KnownIds, RegisterContent, validateRegister } from "../register/validate";

type Kind = "organisations" | "flows";

async function existing(manager: EntityManager, entity: new () => { id: string }, ids: (string | null | undefined)[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Set();
  const rows = await manager.getRepository(entity).find({ select: { id: true }, where: { id: In(wanted) } });
  return new Set(rows.map((r) => r.id));
}

/**
 * Validates one organisation or flow from a mutation with exactly the rules an import uses,
 * looking up only the ids the record refers to. Called inside the write transaction (`manager`), so
 * the ids it checks cannot change before the record is written. Throws BAD_USER_INPUT naming the first bad
 * field (as `input.to`, say) and listing every problem in `extensions.problems`.
 */
export async function validateInputRecord(
  manager: EntityManager,
  kind: Kind,
  record: Record<string, unknown>,
  options: { isNew: boolean },
): Promise<RegisterContent> {
  const asList = (v: unknown) => (Array.isArray(v) ? v : []);
  const fieldRefs = [
    ...asList(record.fields).map((f) => (f as { field?: string }).field),
    ...asList(record.remainingFields),
  ] as string[];
  // An opt-out is an id, or (kept by updateFlow) `{ optOut, receivedFrom: [organisation ids] }`.
  const optOuts = asList(record.optOuts) as (string | { optOut: string; receivedFrom: string[] })[];
  const optOutIds = optOuts.map((o) => (typeof o === "string" ? o : o.optOut));
  const senderIds = optOuts.flatMap((o) => (typeof o === "string" ? [] : o.receivedFrom));
  const predecessorRefs = asList(record.predecessors).map((p) => (typeof p === "string" ? p : (p as { organisation?: string }).organisation));
  const orgRefs = [record.from, record.to, record.actsFor, ...predecessorRefs, ...senderIds] as string[];
  const conflictRefs = asList(record.conflictsWith).map((c) => (c as { flow?: string }).flow);
  // Citations may sit on the record, its aliases or its predecessors: every one is checked against its notice's text.
  const noticeRefs = [record, ...asList(record.aliases), ...asList(record.predecessors)].flatMap((r) =>
    asList((r as { citations?: unknown }).citations).map((c) => (c as { notice?: string }).notice),
  );
  // A new organisation must not reuse an existing id; an update rewrites its own row, so its id is not "known".
  const orgIds = kind === "organisations" ? [...orgRefs, ...(options.isNew ? [record.id as string] : [])].filter((id) => options.isNew || id !== record.id) : orgRefs;
  const known: KnownIds = {
    organisations: await existing(manager, Organisation, orgIds),
    fields: await existing(manager, PupilField, fieldRefs),
    optOuts: await existing(manager, OptOut, optOutIds),
    notices: await existing(manager, Notice, noticeRefs),
    // A new flow must not reuse an id; a conflict may name any existing flow (an update's own id is not "known").
    flows: kind === "flows" ? await existing(manager, Flow, [...(options.isNew ? [record.id as string] : []), ...conflictRefs.filter((id) => id !== record.id)]) : new Set(),
    roles: await readRoleIds(manager),
    noticeTexts: await readNoticeTexts(manager, [...new Set(noticeRefs.filter((id): id is string => typeof id === "string"))]),
  };
  const file: ParsedFile = { file: "input", data: { [kind]: [dropEmpty(record)] }, locate: () => null };
  const { content, problems } = validateRegister([file], known);
  if (problems.length > 0) {
    const named = problems.map((p) => ({ field: inputPath(p.path), message: p.message }));
    throw new BadUserInputError(named.map((p) => `\`${p.field}\` ${p.message}`).join("; "), named[0].field, { problems: named });
  }
  return content;
}

/** `flows[0].to` (the path inside the one-record import) as the mutation's argument names it: `input.to`. */
function inputPath(path: string): string {
  // A plain predecessor id (the older argument) became `{ organisation }`: point at what was sent.
  return path.replace(/^[a-zA-Z]+\[0\]\.?/, "input.").replace(/\.$/, "").replace(/^(input\.predecessors\[\d+\])\.organisation$/, "$1") || "input";
}

/** A mutation has no file notice to inherit from, so an absent and a null value mean the same: drop both. */
function dropEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v != null));
}
