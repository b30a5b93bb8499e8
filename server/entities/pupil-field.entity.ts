import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { DataSubject, FieldCategory } from "./enums";

@ObjectType({
  simpleResolvers: true,
  description:
    "A kind of pupil data (e.g. ethnicity). Umbrella fields (\"pupil information\") stand for what a notice does not itemise and list narrower fields.",
})
@Entity("pupil_field")
export class PupilField {
  @Field(() => ID)
  @PrimaryColumn("text")
  id: string;

  @Field(() => String)
  @Column("text")
  label: string;

  @Field(() => FieldCategory)
  @Column("text")
  category: FieldCategory;

  @Field(() => Boolean, { description: "UK GDPR Article 9 special category data (ethnicity, health)." })
  @Column("boolean", { default: false })
  specialCategory: boolean;

  @Field(() => DataSubject)
  @Column("text")
  about: DataSubject;

  /** ids of the fields directly under this umbrella */
  @Column("simple-json")
  narrowerIds: string[];

  /** the umbrella's contents as a reference source itemises them: { source, note, items: { fieldId: [source names] } } */
  @Column("simple-json", { nullable: true })
  definition: { source: string; note: string | null; items: Record<string, string[]> } | null;
}
