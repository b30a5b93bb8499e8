import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, ID, Int, registerEnumType } from "type-graphql";
import { Basis, Level, OrganisationKind } from "../../entities/enums";

export enum ChainBasis {
  STATED = "STATED",
  STATED_OR_INFERRED = "STATED_OR_INFERRED",
}
registerEnumType(ChainBasis, {
  name: "ChainBasis",
  description: "Which flows a chain may use: only those a notice states, or inferred ones too.",
});

@ArgsType()
export class OrganisationFilterArgs {
  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind | null;

  @Field(() => String, { nullable: true, description: "Matches any part of the name or of any alias, ignoring case." })
  search?: string | null;
}

@ArgsType()
export class FlowFilterArgs {
  @Field(() => ID, { nullable: true, description: "Flows sent by this organisation." })
  from?: string | null;

  @Field(() => ID, { nullable: true, description: "Flows received by this organisation." })
  to?: string | null;

  @Field(() => ID, { nullable: true, description: "Flows that name this field or a narrower one." })
  field?: string | null;

  @Field(() => Level, { nullable: true })
  level?: Level | null;

  @Field(() => Basis, { nullable: true })
  basis?: Basis | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size: 1 to 500, default 50." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `endCursor` of the previous page." })
  after?: string | null;
}

@ArgsType()
export class ReachPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: "Page size: 1 to 500 organisations. Leave out both `first` and `after` for the whole answer at once; `after` alone gives pages of 50.",
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `pageInfo.endCursor` of the previous page of the same question." })
  after?: string | null;
}

@ArgsType()
export class ChainFilterArgs {
  @Field(() => ID, { nullable: true, description: "Follow only hops that carry this pupil field; omit for any pupil data." })
  field?: string | null;

  @Field(() => Int, { nullable: true, description: "Longest chain in hops: 1 to 12, default 6." })
  maxHops?: number | null;

  @Field(() => Int, { nullable: true, description: "The pupil's age: flows with a higher minimumAge are left out." })
  pupilAge?: number | null;

  @Field(() => [ID], { nullable: true, description: "Opt-outs exercised: each narrows its flows to the fields that remain." })
  optOuts?: string[] | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Only flows valid on this date." })
  asOf?: string | null;

  @Field(() => ChainBasis, { nullable: true, description: "Default STATED_OR_INFERRED; each chain lists its inferred hops." })
  basis?: ChainBasis | null;

  @Field(() => Boolean, { nullable: true, description: "Only chains along which pupils stay identifiable (INDIVIDUAL or PSEUDONYMISED)." })
  identifiableOnly?: boolean | null;
}
