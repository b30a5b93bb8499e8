import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { dialectOf, jsonArrayElements, runSql } from "../db/dialect";
import { Flow, Notice, Organisation, PupilField } from "../entities";
import { decodeScope } from "../graph/scope-codes";
import { Certainty, Level, RecipientRole } from "../entities/enums";
import { BadUserInputError, DeadlineExceededError, NotFoundError } from "../errors";
import * as graph from "../graph";
import { toChainFilters } from "./chain-filters";
import { requireField } from "./field.resolver";
import { asksOnlyId, flowRefs } from "./id-only";
import { requireOrganisation } from "./organisation.resolver";
import { reachPageInfo, reachPageStart } from "./reach-page";
import { ChainFilterArgs, ReachPageArgs } from "./types/args";
import { Chain, ChainResult, ReachResult, Recipient } from "./types/chain.type";
import { PageInfo, pageSize } from "./types/connection";

/**
 * Refuses a chain question once the request has spent its time budget on chain questions
 * (QUERY_LIMITS.chainBudgetMs, in server/limits): thirty aliased national `sources` questions must not hold the
 * server for minutes. Each search itself is bounded by the register's size and `first`.
 */
function checkDeadline(context: Context): void {
  if (performance.now() > context.deadline) throw new DeadlineExceededError(context.chainBudgetMs);
}

/** Checks the ids a chain question names (NOT_FOUND) and turns its arguments into algorithm filters. */
async function chainFilters(context: Context, args: ChainFilterArgs): Promise<graph.ChainFilters> {
  checkDeadline(context);
  if (args.field) await requireField(context, args.field);
  const optOutIds = args.optOuts ?? [];
  const optOuts = await context.loaders.optOut.loadMany(optOutIds);
  const unknown = optOutIds.find((_, i) => !optOuts[i] || optOuts[i] instanceof Error);
  if (unknown !== undefined) throw new NotFoundError("opt-out", unknown, "List them with `optOuts { id label }`.");
  return toChainFilters(args);
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

/**
 * A chain for the API. Its organisations come from the in-memory snapshot; if the snapshot lacks
 * one (the register changed in between), `Chain.organisations` loads them instead.
 */
function toChain(chain: graph.Chain, organisations: OrganisationsById): Chain {
  const chainOrganisations: Organisation[] = [];
  for (const id of chain.organisations) {
    const organisation = organisations.get(id);
    if (!organisation) break;
    chainOrganisations.push(organisation);
  }
  const result = new Chain();
  result.knownOrganisations = chainOrganisations.length === chain.organisations.length ? chainOrganisations : null;
  result.hopIds = chain.hops;
  result.organisationIds = chain.organisations;
  result.fieldIds = chain.fields;
  result.inferredHopIds = chain.inferredHops;
  result.inheritedHopIds = chain.inheritedHops;
  result.unstatedLevelHopIds = chain.unstatedLevelHops;
  result.level = chain.level as Level;
  result.certainty = chain.certainty as Certainty;
  result.length = chain.hops.length;
  return result;
}

/**
 * A recipients or sources answer: whole, or the page `first`/`after` asks for. A paged question
 * keeps its finished search on the snapshot, so the next page does not search again, and only the
 * page's organisations become `Recipient`s.
 */
async function reachOf(context: Context, direction: graph.Direction, id: string, args: ChainFilterArgs, paging: ReachPageArgs = {}): Promise<ReachResult> {
  const paged = paging.first != null || paging.after != null;
  const size = paged ? pageSize(paging.first) : null;
  await requireOrganisation(context, id);
  const filters = await chainFilters(context, args);
  const { graph: indexed, organisations } = await context.snapshot();
  checkDeadline(context);
  const { search, question, answer: fingerprint } = asUserInput(() => graph.finishedReach(indexed, id, filters, direction, paged));
  const total = search.reached.length;
  const start = reachPageStart(paging.after, question, fingerprint, total);
  const end = size === null ? total : Math.min(total, start + size);
  const recipients = recipientsOf(search, start, end, organisations);
  // An organisation the snapshot lacks (the register changed in between) is read on its own.
  for (const recipient of recipients) recipient.organisation ??= await requireOrganisation(context, search.reached[recipient.index].organisation);
  const answer = new ReachResult();
  answer.organisations = recipients;
  answer.totalCount = total;
  answer.page = { question, answer: fingerprint, start, end, total };
  answer.truncated = search.truncated;
  answer.asOf = filters.asOf ?? null;
  answer.flowIds = search.flowsFollowed;
  return answer;
}

/**
 * The answer's organisations from `start` to `end`, in one synchronous loop: a national
 * `sources` answer has 24,000 of them, and building each inside the async resolver (with a
 * closure per recipient for its evidence chain) cost as much as serialising the answer. Each
 * shares one function that builds its evidence chain when a client asks for `chain`.
 */
function recipientsOf(search: graph.ReachSearch, start: number, end: number, organisations: OrganisationsById): Recipient[] {
  const evidenceOf = (index: number) => toChain(search.evidence(index), organisations);
  const recipients = new Array<Recipient>(Math.max(0, end - start));
  for (let i = start; i < end; i++) {
    const reach = search.reached[i];
    const recipient = new Recipient();
    recipient.organisation = organisations.get(reach.organisation)!;
    recipient.hops = reach.hops;
    recipient.level = reach.level as Level;
    recipient.certainty = reach.certainty as Certainty;
    recipient.index = i;
    recipient.evidenceOf = evidenceOf;
    recipients[i - start] = recipient;
  }
  return recipients;
}

const present = <T>(items: (T | Error | null)[]): T[] => items.filter((x): x is T => x != null && !(x instanceof Error));

/**
 * A chain's flows: from the database, or as bare ids when the selection asks only their ids. The
 * ids come from the snapshot the chain was found in, as its organisations do.
 */
function flowsOf(ids: readonly string[], context: Context, info: GraphQLResolveInfo): Flow[] | Promise<Flow[]> {
  if (asksOnlyId(info)) return flowRefs(ids);
  return context.loaders.flow.loadMany(ids).then(present);
}

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
    const { graph: indexed, organisations } = await context.snapshot();
    checkDeadline(context);
    const result = asUserInput(() => graph.onwardChains(indexed, from, { ...filters, first }));
    return Object.assign(new ChainResult(), {
      chains: result.chains.map((c) => toChain(c, organisations)),
      truncated: result.truncated,
      asOf: filters.asOf ?? null,
      flowIds: () => [...new Set(result.chains.flatMap((c) => c.hops))],
    });
  }

  @Query(() => [Recipient], {
    description:
      "Every organisation the field can reach from `from`: fewest hops, most identifying level, best certainty and one shortest chain. `recipientsReport` also says whether maxHops cut the answer.",
  })
  async recipients(@Arg("from", () => ID) from: string, @Args(() => ChainFilterArgs) args: ChainFilterArgs, @Ctx() context: Context): Promise<Recipient[]> {
    return (await reachOf(context, "downstream", from, args)).organisations;
  }

  @Query(() => ReachResult, { description: "`recipients`, plus whether maxHops cut the answer; a page at a time with `first`/`after`." })
  recipientsReport(
    @Arg("from", () => ID) from: string,
    @Args(() => ChainFilterArgs) args: ChainFilterArgs,
    @Args(() => ReachPageArgs) paging: ReachPageArgs,
    @Ctx() context: Context,
  ): Promise<ReachResult> {
    return reachOf(context, "downstream", from, args, paging);
  }

  @Query(() => [Recipient], {
    description: "The reverse question: every organisation whose data about the field can reach `to`. `sourcesReport` also says whether maxHops cut the answer.",
  })
  async sources(@Arg("to", () => ID) to: string, @Args(() => ChainFilterArgs) args: ChainFilterArgs, @Ctx() context: Context): Promise<Recipient[]> {
    return (await reachOf(context, "upstream", to, args)).organisations;
  }

  @Query(() => ReachResult, { description: "`sources`, plus whether maxHops cut the answer; a page at a time with `first`/`after` (`sources(to: npd)` names every school)." })
  sourcesReport(
    @Arg("to", () => ID) to: string,
    @Args(() => ChainFilterArgs) args: ChainFilterArgs,
    @Args(() => ReachPageArgs) paging: ReachPageArgs,
    @Ctx() context: Context,
  ): Promise<ReachResult> {
    return reachOf(context, "upstream", to, args, paging);
  }
}

@Resolver(() => Recipient)
export class RecipientResolver {
  @FieldResolver(() => Chain, { description: "One shortest chain, as evidence." })
  chain(@Root() recipient: Recipient): Chain {
    return recipient.evidenceOf(recipient.index);
  }
}

@Resolver(() => Chain)
export class ChainResolver {
  @FieldResolver(() => [Flow], { description: "The flows of the chain in travel order." })
  hops(@Root() chain: Chain, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Flow[] | Promise<Flow[]> {
    return flowsOf(chain.hopIds, context, info);
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
  inferredHops(@Root() chain: Chain, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Flow[] | Promise<Flow[]> {
    return flowsOf(chain.inferredHopIds, context, info);
  }

  @FieldResolver(() => [Flow], {
    description: "Hops a named organisation takes from its role: the flow is stated for the role (e.g. every LA) and its scope covers this organisation. `hops` lists the flow as stated; the chain's organisations say who sends.",
  })
  inheritedHops(@Root() chain: Chain, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Flow[] | Promise<Flow[]> {
    return flowsOf(chain.inheritedHopIds, context, info);
  }

  @FieldResolver(() => [Flow], {
    description: "Hops whose notice states no level (NOT_STATED): the chain's `level` counts them as INDIVIDUAL, so it may be more identifying than the notices say.",
  })
  unstatedLevelHops(@Root() chain: Chain, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Flow[] | Promise<Flow[]> {
    return flowsOf(chain.unstatedLevelHopIds, context, info);
  }

  @FieldResolver(() => [Flow], {
    description: "Hops into a processor (PROCESSOR or SUB_PROCESSOR): the data stays with the controller it acts for (see `Flow.actsFor`), not with an independent recipient.",
  })
  async processorHops(@Root() chain: Chain, @Ctx() context: Context): Promise<Flow[]> {
    const hops = present(await context.loaders.flow.loadMany(chain.hopIds));
    return hops.filter((f) => f.recipientRole === RecipientRole.PROCESSOR || f.recipientRole === RecipientRole.SUB_PROCESSOR);
  }

  @FieldResolver(() => [String], { description: "What the chain's passages through a role (\"a school\") mean, in words; empty when it passes through none." })
  async roleNotes(@Root() chain: Chain, @Ctx() context: Context): Promise<string[]> {
    const organisations = present(await context.loaders.organisation.loadMany(chain.organisationIds.slice(1)));
    const hops = await context.loaders.flow.loadMany(chain.hopIds);
    return organisations.flatMap((organisation, i) => {
      const hop = hops[i];
      if (!organisation.isRole || !(hop instanceof Flow)) return [];
      const scope = decodeScope(hop.scope ?? "NATIONAL");
      if (scope.kind === "COUNTERPART") return [`“${organisation.name}” is the pupil's other school here: onward, the chain follows only flows stated for every school (or LA) in England.`];
      if (scope.kind === "NATIONAL") return [`“${organisation.name}” stands for any of them here: onward, the chain follows flows stated for every one, and flows of a narrower scope only where they cover whose pupils the chain is about.`];
      return [`“${organisation.name}” stands for those the flow's scope covers (${scope.kind === "AREA" ? scope.area : scope.organisation}): onward, the chain follows only flows in that scope or stated for every one.`];
    });
  }
}

/** An answer's eras, worked out once when a client asks both `eras` and `mixesEras`. */
const erasByAnswer = new WeakMap<ReachResult | ChainResult, Promise<Notice[]>>();

function erasOfAnswer(context: Context, answer: ReachResult | ChainResult): Promise<Notice[]> {
  let eras = erasByAnswer.get(answer);
  if (!eras) erasByAnswer.set(answer, (eras = erasOf(context, answer.flowIds())));
  return eras;
}

/** The eras an answer mixes: the notices its flows cite. */
async function erasOf(context: Context, flowIds: string[]): Promise<Notice[]> {
  if (flowIds.length === 0) return [];
  const rows: { noticeId: string }[] = await runSql(
    context.dataSource,
    `SELECT DISTINCT "noticeId" FROM citation WHERE "flowId" IN (SELECT j.value FROM ${jsonArrayElements(dialectOf(context.dataSource), "?", "j")}) ORDER BY "noticeId"`,
    [JSON.stringify(flowIds)],
  );
  const notices = present(await context.loaders.notice.loadMany(rows.map((r) => r.noticeId)));
  return notices.sort((a, b) => (a.validFrom ?? "").localeCompare(b.validFrom ?? "") || a.id.localeCompare(b.id));
}

const ERAS_DESCRIPTION =
  "The notices whose flows this answer follows, each with its era and validity, oldest first. With asOf null and notices of more than one era, the answer mixes eras (see `mixesEras`).";
const MIXES_DESCRIPTION = "True when no date was asked (asOf null) and the answer follows flows from notices of more than one era.";

function mixesEras(asOf: string | null, notices: Notice[]): boolean {
  return asOf === null && new Set(notices.map((n) => `${n.validFrom}..${n.validTo}`)).size > 1;
}

@Resolver(() => ReachResult)
export class ReachResultResolver {
  @FieldResolver(() => [Notice], { description: ERAS_DESCRIPTION })
  eras(@Root() result: ReachResult, @Ctx() context: Context): Promise<Notice[]> {
    return erasOfAnswer(context, result);
  }

  @FieldResolver(() => Boolean, { description: MIXES_DESCRIPTION })
  async mixesEras(@Root() result: ReachResult, @Ctx() context: Context): Promise<boolean> {
    return mixesEras(result.asOf, await erasOfAnswer(context, result));
  }

  @FieldResolver(() => PageInfo, {
    description:
      "Where this page ends: pass `endCursor` as `after` for the next one. A cursor stays good while the register gives the same answer; once a change alters it, the next page is refused (BAD_USER_INPUT) and paging starts again.",
  })
  pageInfo(@Root() result: ReachResult): PageInfo {
    return reachPageInfo(result.page);
  }
}

@Resolver(() => ChainResult)
export class ChainResultResolver {
  @FieldResolver(() => [Notice], { description: ERAS_DESCRIPTION })
  eras(@Root() result: ChainResult, @Ctx() context: Context): Promise<Notice[]> {
    return erasOfAnswer(context, result);
  }

  @FieldResolver(() => Boolean, { description: MIXES_DESCRIPTION })
  async mixesEras(@Root() result: ChainResult, @Ctx() context: Context): Promise<boolean> {
    return mixesEras(result.asOf, await erasOfAnswer(context, result));
  }
}
