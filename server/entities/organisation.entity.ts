import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { KnowledgeBasis, LifetimeBasis, OrganisationKind } from "./enums";

/** Where one name or predecessor comes from: a notice (its citations are rows of `citation`) or outside knowledge. */
export interface BasisRecord {
  basis: KnowledgeBasis;
  note: string | null;
}

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

  /** alias -> where it comes from (citations: `citation` rows with topic `alias:<name>`) */
  @Column("simple-json", { default: "{}" })
  aliasBasis: Record<string, BasisRecord>;

  /** predecessor id -> where the succession comes from (citations: topic `predecessor:<id>`) */
  @Column("simple-json", { default: "{}" })
  predecessorBasis: Record<string, BasisRecord>;

  @Field(() => Boolean, {
    description: "True for a class of recipients a notice names without naming any organisation (\"school meal providers\", \"agencies prescribed by law\").",
  })
  @Column("boolean", { default: false })
  isUnnamed: boolean;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true, description: "The DPO or contact address as the notice gives it." })
  @Column("text", { nullable: true })
  contact: string | null;

  @Field(() => Boolean, { description: "True for a general organisation the notices speak of as a role (\"a school\", \"the LA\"), not a named body." })
  @Column("boolean", { default: false })
  isRole: boolean;

  /** the role this named organisation is an instance of; resolved by a field resolver */
  @Column("text", { nullable: true })
  instanceOfId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The area it belongs to, for scopes: a local authority's id (an LA's own area is itself), or null when no notice names it.",
  })
  @Column("text", { nullable: true })
  area: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "The first day it existed, when known (see lifetimeBasis); null = before every notice." })
  @Column("text", { nullable: true })
  existedFrom: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: "The last day it existed (closed or replaced); null = still exists or not known. Flows into or out of it hold only inside its lifetime." })
  @Column("text", { nullable: true })
  existedTo: string | null;

  @Field(() => LifetimeBasis, { nullable: true, description: "Where existedFrom/existedTo come from; null when neither is set." })
  @Column("text", { nullable: true })
  lifetimeBasis: LifetimeBasis | null;

  @Field(() => String, { nullable: true, description: "For a lifetime from outside knowledge: what it rests on." })
  @Column("text", { nullable: true })
  lifetimeNote: string | null;
}
