import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ simpleResolvers: true, description: "A right to limit what passes on a flow. Exercised once, it may narrow several flows." })
@Entity("opt_out")
export class OptOut {
  @Field(() => ID)
  @PrimaryColumn("text")
  id: string;

  @Field(() => String)
  @Column("text")
  label: string;

  @Field(() => String, { description: "Who may exercise it, as the notice says (e.g. parents, or pupils aged 16 or over)." })
  @Column("text")
  exercisedBy: string;

  @Field(() => String, { nullable: true, description: "Deadlines or ambiguities in the notice's wording." })
  @Column("text", { nullable: true })
  note: string | null;

  @Column("simple-json")
  remainingFieldIds: string[];
}
