import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ simpleResolvers: true, description: "A notice plus a verbatim quote (one sentence or less) that supports a flow or an opt-out." })
@Entity("citation")
export class Citation {
  @PrimaryGeneratedColumn("increment")
  rowId: number;

  @Column("text")
  noticeId: string;

  @Field(() => String)
  @Column("text")
  quote: string;

  @Index()
  @Column("text", { nullable: true })
  flowId: string | null;

  @Index()
  @Column("text", { nullable: true })
  optOutId: string | null;

  /** set when the citation supports an organisation's lifetime */
  @Index()
  @Column("text", { nullable: true })
  organisationId: string | null;
}
