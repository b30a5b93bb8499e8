import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@ObjectType({
  simpleResolvers: true,
  description: "Pupil data an organisation keeps, as a notice states it: which fields, and for how long and on whose rule when the notice says.",
})
@Entity("holding")
export class Holding {
  @Field(() => ID)
  @PrimaryColumn("text")
  id: string;

  @Index()
  @Column("text")
  organisationId: string;

  @Column("simple-json")
  fieldIds: string[];

  @Field(() => String, { nullable: true, description: "How long it is kept, in the notice's words; null when the notice does not say." })
  @Column("text", { nullable: true })
  retention: string | null;

  @Field(() => String, { nullable: true, description: "Who sets the retention period (a policy, a statute), when the notice says." })
  @Column("text", { nullable: true })
  retentionSetBy: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  note: string | null;
}
