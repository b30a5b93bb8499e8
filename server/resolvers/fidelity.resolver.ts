import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { Citation, Flow, Holding, Organisation, PupilField } from "../entities";
import { KnowledgeBasis, RecipientRole } from "../entities/enums";
import { fieldCoverage } from "../graph";
import { requireField } from "./field.resolver";
import { requireOrganisation } from "./organisation.resolver";
import { AliasSource, FlowConflict, PredecessorSource } from "./types/fidelity.type";
import { recordedBasis } from "./recorded-basis";

const present = <T>(items: (T | Error | null)[]): T[] => items.filter((x): x is T => x != null && !(x instanceof Error));
const NO_SOURCE = { basis: KnowledgeBasis.OUTSIDE_KNOWLEDGE, note: "No source recorded." };

/**
 * What the register can say about where its statements come from: who holds what, where each
 * name comes from, processors and whom they act for, flows that read one passage two ways.
 */
@Resolver(() => Organisation)
export class OrganisationFidelityResolver {
  @FieldResolver(() => [Holding], { description: "The pupil data it keeps, as notices state it (with retention when they state it)." })
  holds(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Holding[]> {
    return context.loaders.holdings.load(organisation.id);
  }

  @FieldResolver(() => [AliasSource], { description: "Each other name (as in `aliases`) with where it comes from." })
  async aliasSources(@Root() organisation: Organisation, @Ctx() context: Context): Promise<AliasSource[]> {
    const citations = await context.loaders.organisationCitations.load(organisation.id);
    return organisation.aliases.map((name) =>
      Object.assign(new AliasSource(), { name, ...recordedBasis(organisation.aliasBasis, name, NO_SOURCE), citations: citations.filter((c) => c.topic === `alias:${name}`) }),
    );
  }

  @FieldResolver(() => [PredecessorSource], { description: "Each body it replaced (as in `predecessors`) with where the succession comes from." })
  async predecessorSources(@Root() organisation: Organisation, @Ctx() context: Context): Promise<PredecessorSource[]> {
    const [citations, predecessors] = await Promise.all([
      context.loaders.organisationCitations.load(organisation.id),
      context.loaders.organisation.loadMany(organisation.predecessorIds),
    ]);
    return present(predecessors).map((p) =>
      Object.assign(new PredecessorSource(), {
        organisation: p,
        ...recordedBasis(organisation.predecessorBasis, p.id, NO_SOURCE),
        citations: citations.filter((c) => c.topic === `predecessor:${p.id}`),
      }),
    );
  }

  @FieldResolver(() => [Organisation], { description: "The controllers it acts for as a processor (or sub-processor), from the flows into it." })
  async actsFor(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Organisation[]> {
    const incoming = await context.loaders.incoming.load(organisation.id);
    const ids = [...new Set(incoming.flatMap((f) => (f.actsForId ? [f.actsForId] : [])))].sort();
    return present(await context.loaders.organisation.loadMany(ids));
  }
}

@Resolver(() => Flow)
export class FlowFidelityResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: "For a PROCESSOR or SUB_PROCESSOR: the controller it acts for." })
  async actsFor(@Root() flow: Flow, @Ctx() context: Context): Promise<Organisation | null> {
    return flow.actsForId ? context.loaders.organisation.load(flow.actsForId) : null;
  }

  @FieldResolver(() => Boolean, { description: "True when the recipient acts for someone else (PROCESSOR or SUB_PROCESSOR): not an independent recipient." })
  toProcessor(@Root() flow: Flow): boolean {
    return flow.recipientRole === RecipientRole.PROCESSOR || flow.recipientRole === RecipientRole.SUB_PROCESSOR;
  }

  @FieldResolver(() => [FlowConflict], { description: "Flows that read the same passage differently (recorded on either flow), and why both are kept." })
  async conflicts(@Root() flow: Flow, @Ctx() context: Context): Promise<FlowConflict[]> {
    const stated = flow.conflictsWith ?? [];
    const recordedElsewhere = (await context.loaders.conflictsNaming.load(flow.id)).filter((c) => !stated.some((s) => s.flow === c.flow));
    const all = [...stated, ...recordedElsewhere];
    const flows = await context.loaders.flow.loadMany(all.map((c) => c.flow));
    return all.flatMap((c, i) => {
      const other = flows[i];
      return other instanceof Flow ? [Object.assign(new FlowConflict(), { flow: other, note: c.note })] : [];
    });
  }
}

@Resolver(() => Holding)
export class HoldingResolver {
  @Query(() => [Holding], { description: "Who keeps which pupil data, as notices state it: all holdings, or those of one organisation or of one field (and the umbrellas above it)." })
  async holdings(
    @Ctx() context: Context,
    @Arg("organisation", () => ID, { nullable: true }) organisation?: string | null,
    @Arg("field", () => ID, { nullable: true }) field?: string | null,
  ): Promise<Holding[]> {
    if (organisation) await requireOrganisation(context, organisation);
    if (field) await requireField(context, field);
    const query = context.dataSource.getRepository(Holding).createQueryBuilder("h").orderBy("h.organisationId").addOrderBy("h.id");
    if (organisation) query.andWhere("h.organisationId = :organisation", { organisation });
    const rows = await query.getMany();
    if (!field) return rows;
    // A holding of "pupil information" may hold the field: umbrellas above it count, as fields narrower than it.
    const coverage = fieldCoverage((await context.snapshot()).graph, field);
    const related = new Set([...coverage.naming, ...coverage.broader]);
    return rows.filter((h) => h.fieldIds.some((id) => related.has(id)));
  }

  @FieldResolver(() => Organisation, { description: "Who keeps it." })
  organisation(@Root() holding: Holding, @Ctx() context: Context): Promise<Organisation> {
    return requireOrganisation(context, holding.organisationId);
  }

  @FieldResolver(() => [PupilField])
  async fields(@Root() holding: Holding, @Ctx() context: Context): Promise<PupilField[]> {
    return present(await context.loaders.field.loadMany(holding.fieldIds));
  }

  @FieldResolver(() => [Citation], { description: "The notices that say so." })
  citations(@Root() holding: Holding, @Ctx() context: Context): Promise<Citation[]> {
    return context.loaders.holdingCitations.load(holding.id);
  }
}
