import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** One pupil field on one flow; `optional` when the notice says the recipient asks for it but it is not essential. */
@ObjectType("FlowField", { simpleResolvers: true, description: "A pupil field on a flow, and whether the notice marks it optional." })
@Entity("flow_field")
export class FlowFieldRow {
  @PrimaryColumn("text")
  flowId: string;

  @Index()
  @PrimaryColumn("text")
  fieldId: string;

  @Field(() => Boolean)
  @Column("boolean", { default: false })
  optional: boolean;
}
