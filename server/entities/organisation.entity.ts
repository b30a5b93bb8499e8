import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { OrganisationKind } from "./enums";

@ObjectType({ simpleResolvers: true, description: "A body that sends or receives pupil data: a school, an LA, the DfE, a third party." })
@Entity("organisation")
export class Organisation {
  @Field(() => ID, { description: "Stable slug, e.g. `dfe` or `stokes-wood-primary-school`." })
  @PrimaryColumn("text")
  id: string;

  @Field(() => String)
  @Column("text")
  name: string;

  @Field(() => OrganisationKind)
  @Index()
  @Column("text")
  kind: OrganisationKind;

  @Field(() => [String], { description: "Every other name the notices use for this body (e.g. DCSF for the DfE)." })
  @Column("simple-json")
  aliases: string[];

  /** ids of bodies this one replaced; resolved to organisations by a field resolver */
  @Column("simple-json")
  predecessorIds: string[];

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true, description: "The DPO or contact address as the notice gives it." })
  @Column("text", { nullable: true })
  contact: string | null;
}
