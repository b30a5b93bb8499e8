import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ simpleResolvers: true, description: "A source document: a privacy notice that states who passes pupil data to whom." })
@Entity("notice")
export class Notice {
  @Field(() => ID)
  @PrimaryColumn("text")
  id: string;

  @Field(() => String)
  @Column("text")
  title: string;

  @Column("text")
  publisherId: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "Date when the notice gives one." })
  @Column("text", { nullable: true })
  date: string | null;

  @Field(() => String, { nullable: true, description: "The era the notice belongs to, as read from the bodies it names." })
  @Column("text", { nullable: true })
  era: string | null;

  @Field(() => String, { nullable: true, description: "Why the flows of this notice carry the validity dates they do." })
  @Column("text", { nullable: true })
  eraNote: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "The first day its flows hold by default (estimated from the bodies it names; see eraNote)." })
  @Column("text", { nullable: true })
  validFrom: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "The last day its flows hold by default, or null when no end is known." })
  @Column("text", { nullable: true })
  validTo: string | null;

  @Field(() => String, { nullable: true, description: "The source file the notice text comes from." })
  @Column("text", { nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true, description: "Where the notice is published, when known." })
  @Column("text", { nullable: true })
  url: string | null;

  /** the notice's full text, when the register has it; every citation's quote is checked against it */
  @Column("text", { nullable: true })
  text: string | null;
}
