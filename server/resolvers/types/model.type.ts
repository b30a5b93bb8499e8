import { Field, ObjectType } from "type-graphql";
import { Organisation, PupilField } from "../../entities";
import { ScopeKind } from "../../entities/enums";

/** A flow's scope for the API: the kind, what it names, and the rule in words. */
@ObjectType({ simpleResolvers: true, description: "Whose pupils a flow speaks for, when a notice states it for a role (\"the school\")." })
export class FlowScope {
  @Field(() => ScopeKind)
  kind: ScopeKind;

  @Field(() => String, { nullable: true, description: "For AREA: the area (an LA's id, or `notice-area:<notice id>` for a notice's own LA that it does not name)." })
  area: string | null;

  @Field(() => Organisation, { nullable: true, description: "For AREA: the LA whose area it is, when named; for ORGANISATION: the organisation." })
  organisation: Organisation | null;

  @Field(() => String, { description: "The scope and what it means for chains, in words." })
  description: string;
}

@ObjectType({ simpleResolvers: true, description: "One narrower field an umbrella's reference definition itemises, with the source's own names for it." })
export class DefinedItem {
  @Field(() => PupilField)
  field: PupilField;

  @Field(() => [String], { description: "The source's items that show the field is included (e.g. `CensusSpringOutputRecord.Ethnicity`)." })
  sourceItems: string[];
}

@ObjectType({
  simpleResolvers: true,
  description: "An umbrella's contents as a reference source (not a notice) itemises them. A flow carrying the umbrella carries these fields DEFINITELY.",
})
export class FieldDefinition {
  @Field(() => String, { description: "The reference source: always a reference definition, never a notice quote." })
  source: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => [DefinedItem])
  items: DefinedItem[];
}

@ObjectType({ simpleResolvers: true, description: "An opt-out on a flow that binds only what the sender received from certain organisations." })
export class OptOutBinding {
  @Field(() => String, { description: "The opt-out's id." })
  optOutId: string;

  @Field(() => [Organisation], { description: "Data the sender received from these (or their instances) is narrowed; the sender's own data is not." })
  receivedFrom: Organisation[];
}
