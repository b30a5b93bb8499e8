import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { Basis, Level, OrganisationKind } from "../../entities/enums";

@InputType({ description: "A new organisation. Ids are lower-case slugs and never change." })
export class OrganisationInput {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Ids of bodies this one replaced." })
  predecessors?: string[] | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  contact?: string | null;
}

@InputType({ description: "Changes to an organisation: only the fields given change." })
export class OrganisationPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind | null;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;

  @Field(() => [ID], { nullable: true })
  predecessors?: string[] | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  contact?: string | null;
}

@InputType()
export class FlowFieldInput {
  @Field(() => ID)
  field: string;

  @Field(() => Boolean, { defaultValue: false })
  optional: boolean;
}

@InputType({ description: "A notice and a verbatim quote from it (one sentence or less)." })
export class CitationInput {
  @Field(() => ID)
  notice: string;

  @Field(() => String)
  quote: string;
}

@InputType({ description: "A new flow. Every flow cites at least one notice." })
export class FlowInput {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  from: string;

  @Field(() => ID)
  to: string;

  @Field(() => [FlowFieldInput])
  fields: FlowFieldInput[];

  @Field(() => [String], { nullable: true })
  purposes?: string[] | null;

  @Field(() => String, { nullable: true })
  lawfulBasis?: string | null;

  @Field(() => Level)
  level: Level;

  @Field(() => String, { nullable: true })
  conditions?: string | null;

  @Field(() => Int, { nullable: true })
  minimumAge?: number | null;

  @Field(() => Boolean, { nullable: true })
  onRequest?: boolean | null;

  @Field(() => [ID], { nullable: true })
  optOuts?: string[] | null;

  @Field(() => String, { nullable: true })
  approval?: string | null;

  @Field(() => Basis)
  basis: Basis;

  @Field(() => String, { nullable: true })
  inferenceNote?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  validFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  validTo?: string | null;

  @Field(() => [CitationInput])
  citations: CitationInput[];
}

@InputType({ description: "Changes to a flow: only the fields given change; lists given replace the old list." })
export class FlowPatch {
  @Field(() => ID, { nullable: true })
  from?: string | null;

  @Field(() => ID, { nullable: true })
  to?: string | null;

  @Field(() => [FlowFieldInput], { nullable: true })
  fields?: FlowFieldInput[] | null;

  @Field(() => [String], { nullable: true })
  purposes?: string[] | null;

  @Field(() => String, { nullable: true })
  lawfulBasis?: string | null;

  @Field(() => Level, { nullable: true })
  level?: Level | null;

  @Field(() => String, { nullable: true })
  conditions?: string | null;

  @Field(() => Int, { nullable: true })
  minimumAge?: number | null;

  @Field(() => Boolean, { nullable: true })
  onRequest?: boolean | null;

  @Field(() => [ID], { nullable: true })
  optOuts?: string[] | null;

  @Field(() => String, { nullable: true })
  approval?: string | null;

  @Field(() => Basis, { nullable: true })
  basis?: Basis | null;

  @Field(() => String, { nullable: true })
  inferenceNote?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  validFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  validTo?: string | null;

  @Field(() => [CitationInput], { nullable: true })
  citations?: CitationInput[] | null;
}
