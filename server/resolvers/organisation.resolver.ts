import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { Brackets, EntityManager } from "typeorm";
import { RequireAdmin } from "../auth";
import { dialectOf, jsonArrayElements, runSql } from "../db/dialect";
import { Context } from "../context";
import { Flow, Organisation } from "../entities";
import { BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { writeRegister } from "../register/apply";
import { predecessorCycle } from "../register/validate";
import { OrganisationFilterArgs, PageArgs } from "./types/args";
import { ConnectionType, decodeCursor, pageSize, toConnection } from "./types/connection";
import { OrganisationInput, OrganisationPatch } from "./types/inputs";
import { aliasRecords, currentEvidence, predecessorRecords, writeEvidence } from "./organisation-input";
import { validateInputRecord } from "./validate-input";

const OrganisationConnection = ConnectionType(Organisation, "Organisation");

/** Loads an organisation or throws NOT_FOUND: the one place that message is written. */
export async function requireOrganisation(context: Context, id: string): Promise<Organisation> {
  const organisation = await context.loaders.organisation.load(id);
  if (!organisation) throw organisationNotFound(id);
  return organisation;
}

function filtered(context: Context, { kind, search }: OrganisationFilterArgs) {
  const query = context.dataSource.getRepository(Organisation).createQueryBuilder("o");
  if (kind) query.andWhere("o.kind = :kind", { kind });
  if (search && search.trim()) {
    const pattern = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite's LIKE ignores case (ASCII letters); PostgreSQL's ILIKE does, in a C-collated database, the same.
    const like = dialectOf(context.dataSource) === "postgres" ? "ILIKE" : "LIKE";
    query.andWhere(
      new Brackets((q) =>
        q.where(`o.name ${like} :pattern ESCAPE '\\'`, { pattern }).orWhere(`o.aliases ${like} :pattern ESCAPE '\\'`, { pattern }).orWhere(`o.id ${like} :pattern ESCAPE '\\'`, { pattern }),
      ),
    );
  }
  return query;
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => [Organisation], { description: "Every organisation that matches, ordered by name." })
  organisations(@Args(() => OrganisationFilterArgs) args: OrganisationFilterArgs, @Ctx() context: Context): Promise<Organisation[]> {
    return filtered(context, args).orderBy("o.name", "ASC").addOrderBy("o.id", "ASC").getMany();
  }

  @Query(() => OrganisationConnection, { description: "Organisations a page at a time, ordered by id." })
  async organisationsConnection(
    @Args(() => OrganisationFilterArgs) args: OrganisationFilterArgs,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: Context,
  ) {
    const size = pageSize(page.first);
    const after = decodeCursor(page.after);
    const matching = filtered(context, args);
    const totalCount = await matching.clone().getCount();
    const query = matching.orderBy("o.id", "ASC").take(size + 1);
    if (after != null) query.andWhere("o.id > :after", { after });
    return toConnection(await query.getMany(), size, totalCount, after);
  }

  @Query(() => Organisation, { nullable: true })
  organisation(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Organisation> {
    return requireOrganisation(context, id);
  }

  @FieldResolver(() => [Organisation], { description: "Bodies this one replaced (e.g. the LSC for the Skills Funding Agency)." })
  async predecessors(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Organisation[]> {
    return (await context.loaders.organisation.loadMany(organisation.predecessorIds)).filter((o): o is Organisation => o instanceof Organisation);
  }

  @FieldResolver(() => [Flow], { description: "Flows this organisation sends." })
  outgoing(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Flow[]> {
    return context.loaders.outgoing.load(organisation.id);
  }

  @FieldResolver(() => [Flow], { description: "Flows this organisation receives." })
  incoming(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Flow[]> {
    return context.loaders.incoming.load(organisation.id);
  }

  @Mutation(() => Organisation, { description: "Adds an organisation. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async createOrganisation(@Arg("input", () => OrganisationInput) input: OrganisationInput, @Ctx() context: Context): Promise<Organisation> {
    return context.writes.run(async (manager) => {
      const { aliasSources: _a, predecessorSources: _p, ...rest } = input;
      const record = { ...rest, aliases: aliasRecords(input), predecessors: predecessorRecords(input) };
      const content = await validateInputRecord(manager, "organisations", record, { isNew: true });
      await writeRegister(manager, content);
      return manager.findOneByOrFail(Organisation, { id: input.id });
    });
  }

  @Mutation(() => Organisation, { description: "Changes an organisation's names, kind or contacts; only what the input names changes. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async updateOrganisation(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => OrganisationPatch) patch: OrganisationPatch,
    @Ctx() context: Context,
  ): Promise<Organisation> {
    const updated = await context.writes.run((manager) => patchOrganisation(manager, id, patch));
    context.loaders.organisation.clear(id);
    return updated;
  }

  @Mutation(() => ID, { description: "Removes an organisation that no flow, notice or other organisation refers to; returns its id. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async deleteOrganisation(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<string> {
    await context.writes.run(async (manager) => {
      if (!(await manager.existsBy(Organisation, { id }))) throw organisationNotFound(id);
      // COUNT(*) is a number on SQLite and a bigint, given as text, on PostgreSQL.
      const count = async (sql: string, parameters: unknown[]) => Number((await runSql<{ n: number | string }>(manager, sql, parameters))[0].n);
      const flows = await count(`SELECT COUNT(*) AS n FROM flow WHERE "fromId" = ? OR "toId" = ?`, [id, id]);
      const notices = await count(`SELECT COUNT(*) AS n FROM notice WHERE "publisherId" = ?`, [id]);
      const successors = await count(`SELECT COUNT(*) AS n FROM organisation, ${jsonArrayElements(dialectOf(manager), `organisation."predecessorIds"`, "p")} WHERE p.value = ?`, [id]);
      const holdings = await count(`SELECT COUNT(*) AS n FROM holding WHERE "organisationId" = ?`, [id]);
      const processing = await count(`SELECT COUNT(*) AS n FROM flow WHERE "actsForId" = ?`, [id]);
      if (flows + notices + successors + holdings + processing > 0) {
        throw new ConflictError(
          `\`${id}\` is still used by ${flows} flow(s), ${notices} notice(s), ${successors} organisation(s) naming it as a predecessor, ${holdings} holding(s) and ${processing} processor flow(s) acting for it: delete or change those first.`,
          { flows, notices, successors, holdings, processing },
        );
      }
      // Its names', predecessors' and lifetime's citations go with it: a new organisation given
      // this id must not inherit sources it was never given.
      await runSql(manager, `DELETE FROM citation WHERE "organisationId" = ?`, [id]);
      await manager.delete(Organisation, { id });
    });
    context.loaders.organisation.clear(id);
    return id;
  }
}

function organisationNotFound(id: string): NotFoundError {
  return new NotFoundError("organisation", id, "Search with `organisations(search: ...)` to find its id.");
}

/**
 * Applies a patch inside the write transaction: the current row is read there (so a patch made
 * just before by someone else is what this one builds on), the merged record is validated with
 * the import's rules, and only the columns the patch names are written.
 */
async function patchOrganisation(manager: EntityManager, id: string, patch: OrganisationPatch): Promise<Organisation> {
  const current = await manager.findOneBy(Organisation, { id });
  if (!current) throw organisationNotFound(id);
  const evidence = await currentEvidence(manager, current);
  const merged = {
    id,
    name: patch.name ?? current.name,
    kind: patch.kind ?? current.kind,
    aliases: aliasRecords(patch, evidence.aliases) ?? evidence.aliases,
    predecessors: predecessorRecords(patch, evidence.predecessors) ?? evidence.predecessors,
    website: patch.website === undefined ? current.website : patch.website,
    contact: patch.contact === undefined ? current.contact : patch.contact,
    unnamed: patch.unnamed ?? current.isUnnamed,
  };
  const [record] = (await validateInputRecord(manager, "organisations", merged, { isNew: false })).organisations;
  if (patch.predecessors != null || patch.predecessorSources != null) await refusePredecessorCycle(manager, id, record.predecessors.map((p) => p.organisation));
  const changes: Partial<Organisation> = await writeEvidence(manager, record, patch);
  if (patch.name != null) changes.name = record.name;
  if (patch.kind != null) changes.kind = record.kind;
  if (patch.unnamed != null) changes.isUnnamed = record.unnamed;
  if (patch.website !== undefined) changes.website = record.website;
  if (patch.contact !== undefined) changes.contact = record.contact;
  if (Object.keys(changes).length > 0) await manager.update(Organisation, { id }, changes);
  return manager.findOneByOrFail(Organisation, { id });
}

/** An organisation cannot become its own predecessor, directly or through the register's others. */
async function refusePredecessorCycle(manager: EntityManager, id: string, predecessors: string[]): Promise<void> {
  const rows: { id: string; predecessorIds: string }[] = await manager.query(`SELECT "id", "predecessorIds" FROM organisation`);
  const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.predecessorIds) as string[]]));
  byId.set(id, predecessors);
  const cycle = predecessorCycle(id, (o) => byId.get(o) ?? []);
  if (cycle) throw new BadUserInputError(`\`input.predecessors\` would make \`${id}\` its own predecessor: ${cycle.join(" replaced ")}.`, "input.predecessors");
}
