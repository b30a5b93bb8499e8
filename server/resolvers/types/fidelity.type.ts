import { Field, ObjectType } from "type-graphql";
import { Citation, Flow, Organisation } from "../../entities";
import { KnowledgeBasis } from "../../entities/enums";

@ObjectType({ simpleResolvers: true, description: "Another name for an organisation, and where the register has it from." })
export class AliasSource {
  @Field(() => String)
  name: string;

  @Field(() => KnowledgeBasis, { description: "STATED: a notice uses or gives this name (see citations); OUTSIDE_KNOWLEDGE: see note." })
  basis: KnowledgeBasis;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => [Citation])
  citations: Citation[];
}

@ObjectType({ simpleResolvers: true, description: "A body an organisation replaced, and where the register has the succession from." })
export class PredecessorSource {
  @Field(() => Organisation)
  organisation: Organisation;

  @Field(() => KnowledgeBasis, { description: "STATED: a notice says so (see citations); OUTSIDE_KNOWLEDGE: see note." })
  basis: KnowledgeBasis;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => [Citation])
  citations: Citation[];
}

@ObjectType({
  simpleResolvers: true,
  description: "Two flows that read the same notice passage differently (a list heading implies one sender, the entry names another): both are kept, and this says why.",
})
export class FlowConflict {
  @Field(() => Flow)
  flow: Flow;

  @Field(() => String)
  note: string;
}
