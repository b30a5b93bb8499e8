import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Basis, Level, RecipientRole } from "./enums";

/** A flow another flow conflicts with, and why (e.g. a list heading names a different sender). */
export interface FlowConflictRecord {
  flow: string;
  note: string;
}

@ObjectType({ simpleResolvers: true, description: "Pupil data passing from one organisation to another, as a notice states or implies it." })
@Entity("flow")
// The few flows recording a conflict are found without scanning every flow (a national register has 600k).
@Index("IDX_flow_conflicts", ["id"], { where: `"conflictsWith" != '[]'` })
export class Flow {
  @Field(() => ID)
  @PrimaryColumn("text")
  id: string;

  @Index()
  @Column("text")
  fromId: string;

  @Index()
  @Column("text")
  toId: string;

  @Field(() => [String], { description: "The purposes as the notice gives them; empty when it gives none (\"not stated\"), never a guess." })
  @Column("simple-json")
  purposes: string[];

  @Field(() => String, { nullable: true, description: "The statute or GDPR basis as the notice states it; null when it states none." })
  @Column("text", { nullable: true })
  lawfulBasis: string | null;

  @Field(() => Level)
  @Column("text")
  level: Level;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  conditions: string | null;

  @Field(() => Int, { nullable: true, description: "The youngest age whose data passes (e.g. 13 for Connexions)." })
  @Column("integer", { nullable: true })
  minimumAge: number | null;

  @Field(() => Boolean, { description: "Passed only when the recipient asks." })
  @Column("boolean", { default: false })
  onRequest: boolean;

  @Column("simple-json")
  optOutIds: string[];

  /** opt-out id -> senders whose data it binds (for opt-outs that bind only what was received) */
  @Column("simple-json", { default: "{}" })
  optOutReceivedFrom: Record<string, string[]>;

  /** whose pupils the flow speaks for, encoded (`NATIONAL`, `COUNTERPART`, `AREA:<token>`, `ORGANISATION:<id>`); a field resolver expands it */
  @Column("text", { default: "NATIONAL" })
  scope: string;

  @Field(() => String, { nullable: true, description: "Who must approve, e.g. the DfE's Chief Statistician." })
  @Column("text", { nullable: true })
  approval: string | null;

  @Field(() => Basis)
  @Column("text")
  basis: Basis;

  @Field(() => String, { nullable: true, description: "For INFERRED flows: why the register infers it." })
  @Column("text", { nullable: true })
  inferenceNote: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Date from which the flow holds, or null." })
  @Column("text", { nullable: true })
  validFrom: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Date until which the flow holds, or null." })
  @Column("text", { nullable: true })
  validTo: string | null;

  @Field(() => RecipientRole, { nullable: true, description: "The recipient's role under UK GDPR as the notice states it; null when the notice does not say." })
  @Column("text", { nullable: true })
  recipientRole: RecipientRole | null;

  /** for a PROCESSOR or SUB_PROCESSOR: the controller it acts for (resolved by a field resolver) */
  @Column("text", { nullable: true })
  actsForId: string | null;

  /** flows this one conflicts with, as recorded on this flow (the resolver adds the other direction) */
  @Column("simple-json", { default: "[]" })
  conflictsWith: FlowConflictRecord[];
}
