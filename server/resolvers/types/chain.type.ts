import { GraphQLLocalDate } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Organisation } from "../../entities";
import { Certainty, Level } from "../../entities/enums";
import type { ReachPage } from "../reach-page";

/** A chain as the algorithms return it: ids, resolved to objects by field resolvers. */
@ObjectType({ simpleResolvers: true, description: "A path of flows from one organisation onwards, visiting no organisation twice." })
export class Chain {
  hopIds: string[];
  organisationIds: string[];
  fieldIds: string[];
  inferredHopIds: string[];
  inheritedHopIds: string[];
  unstatedLevelHopIds: string[];
  /** the organisations, when the resolver already had them in memory (saves a promise per chain) */
  knownOrganisations: Organisation[] | null;

  @Field(() => Level, { description: "The least identifying level on the chain." })
  level: Level;

  @Field(() => Certainty, {
    description: "How surely the field travels the whole chain: DEFINITE when every hop includes it; OPTIONAL when some notice marks it optional; POSSIBLE when a hop only carries an umbrella that may contain it, or only possibly includes it.",
  })
  certainty: Certainty;

  @Field(() => Int, { description: "Number of hops." })
  length: number;
}

@ObjectType({ simpleResolvers: true, description: "Chains onward from an organisation, and whether a limit cut the answer." })
export class ChainResult {
  @Field(() => [Chain])
  chains: Chain[];

  @Field(() => Boolean, { description: "True when more chains exist than were returned, or when maxHops stopped a chain that could go further." })
  truncated: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "The date asked about; null means every era at once (see `eras`)." })
  asOf: string | null;

  /** ids of the flows the answer follows, for `eras` */
  flowIds: () => string[];
}

@ObjectType({ simpleResolvers: true, description: "An organisation a field can reach (or come from), with the best evidence." })
export class Recipient {
  @Field(() => Organisation)
  organisation: Organisation;

  @Field(() => Int, { description: "The fewest hops." })
  hops: number;

  @Field(() => Level, { description: "The most identifying level over every chain." })
  level: Level;

  @Field(() => Certainty, { description: "The best certainty over every chain (DEFINITE if any chain is)." })
  certainty: Certainty;

  /** its place in the whole answer, for `evidenceOf` */
  index: number;
  /** builds the evidence chain of the answer's organisation `index`: a field resolver calls it only when a client asks for `chain` */
  evidenceOf: (index: number) => Chain;
}

@ObjectType({ simpleResolvers: true, description: "Recipients (or sources), a page or all of them, and whether maxHops cut the answer." })
export class ReachResult {
  @Field(() => [Recipient], { description: "By fewest hops, then id: the page asked for with `first`/`after`, else every one." })
  organisations: Recipient[];

  @Field(() => Int, { description: "How many organisations the whole answer names, across every page." })
  totalCount: number;

  /** where `organisations` lies in the whole answer, for `pageInfo` */
  page: ReachPage;

  @Field(() => Boolean, { description: "True when a larger maxHops would add an organisation or improve a level or certainty." })
  truncated: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "The date asked about; null means every era at once (see `eras`)." })
  asOf: string | null;

  /** ids of the flows the answer follows, for `eras` */
  flowIds: () => string[];
}
