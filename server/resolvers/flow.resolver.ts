import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { EntityManager } from "typeorm";
import { RequireAdmin } from "../auth";
import { runSql } from "../db/dialect";
import { Context } from "../context";
import { Citation, Flow, FlowFieldRow, OptOut, Organisation } from "../entities";
import { NotFoundError } from "../errors";
import { fieldCoverage } from "../graph";
import { writeRegister } from "../register/apply";
import { requireField } from "./field.resolver";
import { requireOrganisation } from "./organisation.resolver";
import { FlowFilterArgs, PageArgs } from "./types/args";
import { ConnectionType, decodeCursor, pageSize, toConnection } from "./types/connection";
import { FlowFieldInput, FlowInput, FlowPatch } from "./types/inputs";
import { FieldInclusion } from "../entities/enums";
import { validateInputRecord } from "./validate-input";

const FlowConnection = ConnectionType(Flow, "Flow");

export async function requireFlow(context: Context, id: string): Promise<Flow> {
  const flow = await context.loaders.flow.load(id);
  if (!flow) throw new NotFoundError("flow", id);
  return flow;
}

/** Checks filter ids exist (NOT_FOUND otherwise) and returns the query over matching flows. */
async function filtered(context: Context, args: FlowFilterArgs) {
  const query = context.dataSource.getRepository(Flow).createQueryBuilder("f");
  if (args.from) {
    await requireOrganisation(context, args.from);
    query.andWhere("f.fromId = :from", { from: args.from });
  }
  if (args.to) {
    await requireOrganisation(context, args.to);
    query.andWhere("f.toId = :to", { to: args.to });
  }
  if (args.field) {
    await requireField(context, args.field);
    const named = [...fieldCoverage((await context.snapshot()).graph, args.field).naming];
    query.andWhere(`f.id IN (SELECT ff."flowId" FROM flow_field ff WHERE ff."fieldId" IN (:...named))`, { named });
  }
  if (args.level) query.andWhere("f.level = :level", { level: args.level });
  if (args.basis) query.andWhere("f.basis = :basis", { basis: args.basis });
  return query;
}

@Resolver(() => Flow)
export class FlowResolver {
  @Query(() => [Flow], { description: "Every flow that matches all the filters given, ordered by id." })
  async flows(@Args(() => FlowFilterArgs) args: FlowFilterArgs, @Ctx() context: Context): Promise<Flow[]> {
    return (await filtered(context, args)).orderBy("f.id", "ASC").getMany();
  }

  @Query(() => FlowConnection, { description: "Flows a page at a time, ordered by id." })
  async flowsConnection(@Args(() => FlowFilterArgs) args: FlowFilterArgs, @Args(() => PageArgs) page: PageArgs, @Ctx() context: Context) {
    const size = pageSize(page.first);
    const after = decodeCursor(page.after);
    const matching = await filtered(context, args);
    const totalCount = await matching.clone().getCount();
    const query = matching.orderBy("f.id", "ASC").take(size + 1);
    if (after != null) query.andWhere("f.id > :after", { after });
    return toConnection(await query.getMany(), size, totalCount, after);
  }

  @Query(() => Flow, { nullable: true })
  flow(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Flow> {
    return requireFlow(context, id);
  }

  @FieldResolver(() => Organisation)
  from(@Root() flow: Flow, @Ctx() context: Context): Promise<Organisation> {
    return requireOrganisation(context, flow.fromId);
  }

  @FieldResolver(() => Organisation)
  to(@Root() flow: Flow, @Ctx() context: Context): Promise<Organisation> {
    return requireOrganisation(context, flow.toId);
  }

  @FieldResolver(() => [FlowFieldRow], { description: "The pupil fields on the flow; `optional` where the notice says they are not essential." })
  fields(@Root() flow: Flow, @Ctx() context: Context): Promise<FlowFieldRow[]> {
    return context.loaders.flowFields.load(flow.id);
  }

  @FieldResolver(() => [OptOut])
  async optOuts(@Root() flow: Flow, @Ctx() context: Context): Promise<OptOut[]> {
    return (await context.loaders.optOut.loadMany(flow.optOutIds)).filter((o): o is OptOut => o instanceof OptOut);
  }

  @FieldResolver(() => [Citation], { description: "The notices that state or imply this flow, with their quotes (see `verbatim`)." })
  citations(@Root() flow: Flow, @Ctx() context: Context): Promise<Citation[]> {
    return context.loaders.flowCitations.load(flow.id);
  }

  @Mutation(() => Flow, { description: "Adds a flow. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async createFlow(@Arg("input", () => FlowInput) input: FlowInput, @Ctx() context: Context): Promise<Flow> {
    return context.writes.run(async (manager) => {
      const content = await validateInputRecord(manager, "flows", { ...input, fields: flowFieldRecords(input.fields) }, { isNew: true });
      await writeRegister(manager, content);
      return manager.findOneByOrFail(Flow, { id: input.id });
    });
  }

  @Mutation(() => Flow, { description: "Changes a flow; only what the input names changes, and lists given replace the old ones. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async updateFlow(@Arg("id", () => ID) id: string, @Arg("input", () => FlowPatch) patch: FlowPatch, @Ctx() context: Context): Promise<Flow> {
    const updated = await context.writes.run((manager) => patchFlow(manager, id, patch));
    forgetFlow(context, id);
    return updated;
  }

  @Mutation(() => ID, { description: "Removes a flow and its citations; returns its id. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async deleteFlow(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<string> {
    await context.writes.run(async (manager) => {
      if (!(await manager.existsBy(Flow, { id }))) throw new NotFoundError("flow", id);
      await deleteFlowRows(manager, id);
    });
    forgetFlow(context, id);
    return id;
  }
}

/** A later field of the same request must not see what this request's loaders held before the change. */
function forgetFlow(context: Context, id: string) {
  context.loaders.flow.clear(id);
  context.loaders.flowFields.clear(id);
  context.loaders.flowCitations.clear(id);
}

/**
 * Applies a patch inside the write transaction: the flow, its fields and its citations are read
 * there, merged with the patch, validated with the import's rules and written back, so two
 * patches never interleave (concurrent updates once duplicated a flow's citation rows).
 */
async function patchFlow(manager: EntityManager, id: string, patch: FlowPatch): Promise<Flow> {
  const current = await manager.findOneBy(Flow, { id });
  if (!current) throw new NotFoundError("flow", id);
  const [fields, citations] = await Promise.all([
    manager.find(FlowFieldRow, { where: { flowId: id }, order: { fieldId: "ASC" } }),
    manager.find(Citation, { where: { flowId: id }, order: { rowId: "ASC" } }),
  ]);
  const keep = <T>(given: T | null | undefined, old: T) => (given === undefined ? old : given);
  const merged = {
    id,
    from: patch.from ?? current.fromId,
    to: patch.to ?? current.toId,
    fields: patch.fields ? flowFieldRecords(patch.fields) : fields.map((f) => ({ field: f.fieldId, inclusion: f.inclusion })),
    purposes: patch.purposes ?? current.purposes,
    lawfulBasis: keep(patch.lawfulBasis, current.lawfulBasis),
    level: patch.level ?? current.level,
    conditions: keep(patch.conditions, current.conditions),
    minimumAge: keep(patch.minimumAge, current.minimumAge),
    onRequest: patch.onRequest ?? current.onRequest,
    // An opt-out that binds only what was received keeps its binding (the API cannot state one yet).
    optOuts: patch.optOuts ?? current.optOutIds.map((o) => (current.optOutReceivedFrom?.[o] ? { optOut: o, receivedFrom: current.optOutReceivedFrom[o] } : o)),
    approval: keep(patch.approval, current.approval),
    basis: patch.basis ?? current.basis,
    inferenceNote: keep(patch.inferenceNote, current.inferenceNote),
    validFrom: keep(patch.validFrom, current.validFrom),
    validTo: keep(patch.validTo, current.validTo),
    recipientRole: keep(patch.recipientRole, current.recipientRole),
    // A new role, or a new sender of a processor that acted for its old sender, without a new
    // actsFor drops the old one: a PROCESSOR defaults to acting for its (new) sender.
    actsFor:
      patch.actsFor !== undefined
        ? patch.actsFor
        : patch.recipientRole !== undefined || (patch.from != null && current.actsForId === current.fromId)
          ? null
          : current.actsForId,
    conflictsWith: patch.conflictsWith ?? current.conflictsWith,
    citations: patch.citations ?? citations.map((c) => ({ notice: c.noticeId, quote: c.quote })),
  };
  const content = await validateInputRecord(manager, "flows", merged, { isNew: false });
  // The API cannot state a scope yet: the flow keeps the one its notice gave it.
  for (const flow of content.flows) flow.scope = current.scope;
  await deleteFlowRows(manager, id);
  await writeRegister(manager, content);
  return manager.findOneByOrFail(Flow, { id });
}

/** Mutation fields as import records: `inclusion` when given, else the older `optional` flag. */
function flowFieldRecords(fields: FlowFieldInput[]) {
  return fields.map((f) => ({ field: f.field, inclusion: f.inclusion ?? (f.optional ? FieldInclusion.OPTIONAL : FieldInclusion.INCLUDED) }));
}

async function deleteFlowRows(manager: EntityManager, id: string) {
  // Other flows recording a conflict with this one forget it (else they name a flow that is gone).
  const naming: { id: string; conflictsWith: string }[] = await runSql(manager, `SELECT id, "conflictsWith" FROM flow WHERE "conflictsWith" != '[]' AND id != ?`, [id]);
  for (const row of naming) {
    const conflicts = JSON.parse(row.conflictsWith) as { flow: string; note: string }[];
    const kept = conflicts.filter((c) => c.flow !== id);
    if (kept.length !== conflicts.length) await runSql(manager, `UPDATE flow SET "conflictsWith" = ? WHERE id = ?`, [JSON.stringify(kept), row.id]);
  }
  await runSql(manager, `DELETE FROM citation WHERE "flowId" = ?`, [id]);
  await runSql(manager, `DELETE FROM flow_field WHERE "flowId" = ?`, [id]);
  await runSql(manager, `DELETE FROM flow WHERE id = ?`, [id]);
}
