import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { Flow, Organisation, PupilField } from "../entities";
import { Certainty, Level } from "../entities/enums";
import { BadUserInputError, NotFoundError } from "../errors";
import * as graph from "../graph";
import { requireField } from "./field.resolver";
import { requireOrganisation } from "./organisation.resolver";
import { ChainBasis, ChainFilterArgs } from "./types/args";
import { Chain, ChainResult, ReachResult, Recipient } from "./types/chain.type";

/** Checks the ids a chain question names (NOT_FOUND) and turns its arguments into algorithm filters. */
async function chainFilters(context: Context, args: ChainFilterArgs): Promise<graph.ChainFilters> {
  if (args.field) await requireField(context, args.field);
  const optOutIds = args.optOuts ?? [];
  const optOuts = await context.loaders.optOut.loadMany(optOutIds);
  const unknown = optOutIds.find((_, i) => !optOuts[i] || optOuts[i] instanceof Error);
  if (unknown !== undefined) throw new NotFoundError("opt-out", unknown, "List them with `optOuts { id label }`.");
  if (args.pupilAge != null && (args.pupilAge < 0 || args.pupilAge > 25)) {
    throw new BadUserInputError("`pupilAge` must be an age from 0 to 25.", "pupilAge");
  }
  return {
    field: args.field ?? null,
    maxHops: args.maxHops ?? null,
    pupilAge: args.pupilAge ?? null,
    optOuts: args.optOuts ?? [],
    asOf: args.asOf ?? null,
    basis: args.basis === ChainBasis.STATED ? "STATED" : null,
    identifiableOnly: args.identifiableOnly ?? false,
  };
}

/** The algorithms signal out-of-range limits with RangeError; clients get BAD_USER_INPUT naming the argument. */
function asUserInput<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError) throw new BadUserInputError(`${error.message}.`, error.message.split(" ")[0]);
    throw error;
  }
}

type OrganisationsById = ReadonlyMap<string, Organisation>;

/** The organisations an answer names, from the in-memory snapshot (falling back to the loader for any it lacks). */
async function organisationsFor(context: Context, ids: Iterable<string>): Promise<OrganisationsById> {
  const snapshot = await context.graph.organisations();
  const missing = [...new Set(ids)].filter((id) => !snapshot.has(id));
  if (missing.length === 0) return snapshot;
  const all = new Map(snapshot);
  for (const id of missing) all.set(id, await requireOrganisation(context, id));
  return all;
}

function toChain(chain: graph.Chain, organisations: OrganisationsById): Chain {
  return Object.assign(new Chain(), {
    knownOrganisations: chain.organisations.map((id) => organisations.get(id)!),
    hopIds: chain.hops,
    organisationIds: chain.organisations,
    fieldIds: chain.fields,
    inferredHopIds: chain.inferredHops,
    level: chain.level as Level,
    certainty: chain.certainty as Certainty,
    length: chain.hops.length,
  });
}

function toRecipient(reach: graph.Reach, organisations: OrganisationsById): Recipient {
  return Object.assign(new Recipient(), {
    organisation: organisations.get(reach.organisation)!,
    hops: reach.hops,
    level: reach.level as Level,
    certainty: reach.certainty as Certainty,
    chain: toChain(reach.chain, organisations),
  });
}

async function reachOf(context: Context, direction: "recipients" | "sources", id: string, args: ChainFilterArgs): Promise<ReachResult> {
  await requireOrganisation(context, id);
  const filters = await chainFilters(context, args);
  const indexed = await context.graph.get();
  const result = asUserInput(() =>
    direction === "recipients"
      ? (({ recipients, truncated }) => ({ reaches: recipients, truncated }))(graph.recipientsOf(indexed, id, filters))
      : (({ sources, truncated }) => ({ reaches: sources, truncated }))(graph.sourcesOf(indexed, id, filters)),
  );
  const organisations = await organisationsFor(context, result.reaches.flatMap((r) => r.chain.organisations));
  return Object.assign(new ReachResult(), { organisations: result.reaches.map((r) => toRecipient(r, organisations)), truncated: result.truncated });
}

const present = <T>(items: (T | Error | null)[]): T[] => items.filter((x): x is T => x != null && !(x instanceof Error));

@Resolver()
export class ChainQueryResolver {
  @Query(() => ChainResult, { description: "Every chain a pupil field can take onward from an organisation, within the filters and limits." })
  async onwardChains(
    @Arg("from", () => ID) from: string,
    @Args(() => ChainFilterArgs) args: ChainFilterArgs,
    @Arg("first", () => Int, { nullable: true, description: "Most chains to return: 1 to 1000, default 100." }) first: number | null,
    @Ctx() context: Context,
  ): Promise<ChainResult> {
    await requireOrganisation(context, from);
    const filters = await chainFilters(context, args);
    const indexed = await context.graph.get();
    const result = asUserInput(() => graph.onwardChains(indexed, from, { ...filters, first }));
    const organisations = await organisationsFor(context, result.chains.flatMap((c) => c.organisations));
    return Object.assign(new ChainResult(), { chains: result.chains.map((c) => toChain(c, organisations)), truncated: result.truncated });
  }

  @Query(() => [Recipient], {
    description:
      "Every organisation the field can reach from `from`: fewest hops, most identifying level, best certainty and one shortest chain. `recipientsReport` also says whether maxHops cut the answer.",
  })
  async recipients(@Arg("from", () => ID) from: string, @Args(() => ChainFilterArgs) args: ChainFilterArgs, @Ctx() context: Context): Promise<Recipient[]> {
    return (await reachOf(context, "recipients", from, args)).organisations;
  }

  @Query(() => ReachResult, { description: "`recipients`, plus whether maxHops cut the answer." })
  recipientsReport(@Arg("from", () => ID) from: string, @Args(() => ChainFilterArgs) args: ChainFilterArgs, @Ctx() context: Context): Promise<ReachResult> {
    return reachOf(context, "recipients", from, args);
  }

  @Query(() => [Recipient], {
    description: "The reverse question: every organisation whose data about the field can reach `to`. `sourcesReport` also says whether maxHops cut the answer.",
  })
  async sources(@Arg("to", () => ID) to: string, @Args(() => ChainFilterArgs) args: ChainFilterArgs, @Ctx() context: Context): Promise<Recipient[]> {
    return (await reachOf(context, "sources", to, args)).organisations;
  }

  @Query(() => ReachResult, { description: "`sources`, plus whether maxHops cut the answer." })
  sourcesReport(@Arg("to", () => ID) to: string, @Args(() => ChainFilterArgs) args: ChainFilterArgs, @Ctx() context: Context): Promise<ReachResult> {
    return reachOf(context, "sources", to, args);
  }
}

@Resolver(() => Chain)
export class ChainResolver {
  @FieldResolver(() => [Flow], { description: "The flows of the chain in travel order." })
  async hops(@Root() chain: Chain, @Ctx() context: Context): Promise<Flow[]> {
    return present(await context.loaders.flow.loadMany(chain.hopIds));
  }

  @FieldResolver(() => [Organisation], { description: "The organisations in travel order: one more than the hops." })
  organisations(@Root() chain: Chain, @Ctx() context: Context): Organisation[] | Promise<Organisation[]> {
    // Synchronous when the chain came with its organisations: thousands of chains, no promise each.
    if (chain.knownOrganisations) return chain.knownOrganisations;
    return context.loaders.organisation.loadMany(chain.organisationIds).then(present);
  }

  @FieldResolver(() => [PupilField], { description: "The fields on the last hop that carry what was asked about (the field, a narrower one, or an umbrella)." })
  async fields(@Root() chain: Chain, @Ctx() context: Context): Promise<PupilField[]> {
    return present(await context.loaders.field.loadMany(chain.fieldIds));
  }

  @FieldResolver(() => [Flow], { description: "Hops a notice only implies (basis INFERRED)." })
  async inferredHops(@Root() chain: Chain, @Ctx() context: Context): Promise<Flow[]> {
    return present(await context.loaders.flow.loadMany(chain.inferredHopIds));
  }
}
