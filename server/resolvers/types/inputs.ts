import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { Basis, FieldInclusion, KnowledgeBasis, Level, OrganisationKind, RecipientRole } from "../../entities/enums";

@InputType({ description: "A notice and a quote from it (one sentence or less), checked against the notice's stored text when the register has it." })
export class CitationInput {
  @Field(() => ID)
  notice: string;

  @Field(() => String)
  quote: string;
}

@InputType({ description: "Another name for an organisation, with where it comes from: a notice (citations) or outside knowledge (a note)." })
export class AliasInput {
  @Field(() => String)
  name: string;

  @Field(() => KnowledgeBasis)
  basis: KnowledgeBasis;

  @Field(() => String, { nullable: true, description: "Required for OUTSIDE_KNOWLEDGE: what it rests on." })
  note?: string | null;

  @Field(() => [CitationInput], { nullable: true, description: "Required for STATED: the notice that says so." })
  citations?: CitationInput[] | null;
}

@InputType({ description: "A body this one replaced, with where the succession comes from." })
export class PredecessorInput {
  @Field(() => ID)
  organisation: string;

  @Field(() => KnowledgeBasis)
  basis: KnowledgeBasis;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [CitationInput], { nullable: true })
  citations?: CitationInput[] | null;
}

@InputType({ description: "A new organisation. Ids are lower-case slugs and never change." })
export class OrganisationInput {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => [String], { nullable: true, description: "Other names, with no source: recorded as outside knowledge \"given through the API without a source\". Prefer `aliasSources`." })
  aliases?: string[] | null;

  @Field(() => [AliasInput], { nullable: true, description: "Other names, each with where it comes from." })
  aliasSources?: AliasInput[] | null;

  @Field(() => [ID], { nullable: true, description: "Ids of bodies this one replaced, with no source (as for `aliases`). Prefer `predecessorSources`." })
  predecessors?: string[] | null;

  @Field(() => [PredecessorInput], { nullable: true, description: "Bodies this one replaced, each with where the succession comes from." })
  predecessorSources?: PredecessorInput[] | null;

  @Field(() => Boolean, { nullable: true, description: "True for a class of recipients named without naming an organisation." })
  unnamed?: boolean | null;

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

  @Field(() => [String], { nullable: true, description: "Replaces every other name; recorded without a source (see OrganisationInput)." })
  aliases?: string[] | null;

  @Field(() => [AliasInput], { nullable: true, description: "Replaces every other name, each with its source." })
  aliasSources?: AliasInput[] | null;

  @Field(() => [ID], { nullable: true })
  predecessors?: string[] | null;

  @Field(() => [PredecessorInput], { nullable: true })
  predecessorSources?: PredecessorInput[] | null;

  @Field(() => Boolean, { nullable: true })
  unnamed?: boolean | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  contact?: string | null;
}

@InputType()
export class FlowFieldInput {
  @Field(() => ID)
  field: string;

  @Field(() => FieldInclusion, { nullable: true, description: "How the notice includes it; INCLUDED by default." })
  inclusion?: FieldInclusion | null;

  @Field(() => Boolean, { nullable: true, deprecationReason: "Use `inclusion: OPTIONAL`." })
  optional?: boolean | null;
}

@InputType({ description: "Another flow this one conflicts with (e.g. a list heading names a different sender than the entry), and why." })
export class FlowConflictInput {
  @Field(() => ID)
  flow: string;

  @Field(() => String)
  note: string;
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

  @Field(() => RecipientRole, { nullable: true, description: "The recipient's role when the notice states it." })
  recipientRole?: RecipientRole | null;

  @Field(() => ID, { nullable: true, description: "For a processor: the controller it acts for (the sender by default; required for SUB_PROCESSOR)." })
  actsFor?: string | null;

  @Field(() => [FlowConflictInput], { nullable: true })
  conflictsWith?: FlowConflictInput[] | null;

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

  @Field(() => RecipientRole, { nullable: true, description: "The recipient's role when the notice states it." })
  recipientRole?: RecipientRole | null;

  @Field(() => ID, { nullable: true, description: "For a processor: the controller it acts for (the sender by default; required for SUB_PROCESSOR)." })
  actsFor?: string | null;

  @Field(() => [FlowConflictInput], { nullable: true })
  conflictsWith?: FlowConflictInput[] | null;

  @Field(() => [CitationInput], { nullable: true })
  citations?: CitationInput[] | null;
}
