import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { Brackets } from "typeorm";
import { RequireAdmin } from "../auth";
import { Context } from "../context";
import { Flow, Organisation } from "../entities";
import { ConflictError, NotFoundError } from "../errors";
import { writeRegister } from "../register/apply";
import { OrganisationFilterArgs, PageArgs } from "./types/args";
import { ConnectionType, decodeCursor, pageSize, toConnection } from "./types/connection";
import { OrganisationInput, OrganisationPatch } from "./types/inputs";
import { validateInputRecord } from "./validate-input";

const OrganisationConnection = ConnectionType(Organisation, "Organisation");

/** Loads an organisation or throws NOT_FOUND: the one place that message is written. */
export async function requireOrganisation(context: Context, id: string): Promise<Organisation> {
  const organisation = await context.loaders.organisation.load(id);
  if (!organisation) throw new NotFoundError("organisation", id, "Search with `organisations(search: ...)` to find its id.");
  return organisation;
}

function filtered(context: Context, { kind, search }: OrganisationFilterArgs) {
  const query = context.dataSource.getRepository(Organisation).createQueryBuilder("o");
  if (kind) query.andWhere("o.kind = :kind", { kind });
  if (search && search.trim()) {
    const pattern = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere(new Brackets((q) => q.where("o.name LIKE :pattern ESCAPE '\\'", { pattern }).orWhere("o.aliases LIKE :pattern ESCAPE '\\'", { pattern }).orWhere("o.id LIKE :pattern ESCAPE '\\'", { pattern })));
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
    const content = await validateInputRecord(context.dataSource, "organisations", { ...input }, { isNew: true });
    await context.dataSource.transaction((manager) => writeRegister(manager, content));
    context.graph.invalidate();
    return requireOrganisation(context, input.id);
  }

  @Mutation(() => Organisation, { description: "Changes an organisation's names, kind or contacts. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async updateOrganisation(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => OrganisationPatch) patch: OrganisationPatch,
    @Ctx() context: Context,
  ): Promise<Organisation> {
    const current = await requireOrganisation(context, id);
    const merged = {
      id,
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      aliases: patch.aliases ?? current.aliases,
      predecessors: patch.predecessors ?? current.predecessorIds,
      website: patch.website === undefined ? current.website : patch.website,
      contact: patch.contact === undefined ? current.contact : patch.contact,
    };
    const [record] = (await validateInputRecord(context.dataSource, "organisations", merged, { isNew: false })).organisations;
    await context.dataSource.getRepository(Organisation).update(id, {
      name: record.name, kind: record.kind, aliases: record.aliases, predecessorIds: record.predecessors, website: record.website, contact: record.contact,
    });
    context.loaders.organisation.clear(id);
    context.graph.invalidate();
    return requireOrganisation(context, id);
  }

  @Mutation(() => ID, { description: "Removes an organisation that no flow or notice refers to; returns its id. Needs the admin token." })
  @UseMiddleware(RequireAdmin)
  async deleteOrganisation(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<string> {
    await requireOrganisation(context, id);
    const [{ flows }] = await context.dataSource.query(`SELECT COUNT(*) AS flows FROM flow WHERE fromId = ? OR toId = ?`, [id, id]);
    const [{ notices }] = await context.dataSource.query(`SELECT COUNT(*) AS notices FROM notice WHERE publisherId = ?`, [id]);
    if (flows > 0 || notices > 0) {
      throw new ConflictError(
        `\`${id}\` is still used by ${flows} flow(s) and ${notices} notice(s): delete or move those first.`,
        { flows: Number(flows), notices: Number(notices) },
      );
    }
    await context.dataSource.getRepository(Organisation).delete(id);
    context.graph.invalidate();
    return id;
  }
}
