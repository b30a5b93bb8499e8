import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { FieldInclusion } from "./enums";

/** One pupil field on one flow, and how the notice includes it (outright, optional, or possibly). */
@ObjectType("FlowField", { simpleResolvers: true, description: "A pupil field on a flow, and how the notice includes it." })
@Entity("flow_field")
// The few fields a notice does not simply include are read at every snapshot load without a full scan.
@Index("IDX_flow_field_not_included", ["flowId", "fieldId"], { where: `"inclusion" != 'INCLUDED'` })
export class FlowFieldRow {
  @PrimaryColumn("text")
  flowId: string;

  @Index()
  @PrimaryColumn("text")
  fieldId: string;

  @Field(() => FieldInclusion, { description: "INCLUDED, OPTIONAL (the sender may leave it out) or POSSIBLE (the notice only possibly includes it)." })
  @Column("text", { default: FieldInclusion.INCLUDED })
  inclusion: FieldInclusion;

  @Field(() => Boolean, { deprecationReason: "Read `inclusion`: OPTIONAL and POSSIBLE are different statements." })
  get optional(): boolean {
    return this.inclusion === FieldInclusion.OPTIONAL;
  }
}
