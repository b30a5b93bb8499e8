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

  @Field(() => Boolean, {
    description: "True when the quote was found in the notice's stored text (in the notice's words); false when the register has no text to check it against (a paraphrase until checked).",
  })
  @Column("boolean", { default: false })
  verbatim: boolean;

  @Index()
  @Column("text", { nullable: true })
  flowId: string | null;

  @Index()
  @Column("text", { nullable: true })
  optOutId: string | null;

  /** set when the citation supports a fact about an organisation: see `topic` */
  @Index()
  @Column("text", { nullable: true })
  organisationId: string | null;

  /** with organisationId: null for its lifetime, `alias:<name>` or `predecessor:<id>` */
  @Column("text", { nullable: true })
  topic: string | null;

  /** set when the citation supports a holding (who keeps which fields) */
  @Index()
  @Column("text", { nullable: true })
  holdingId: string | null;
}
