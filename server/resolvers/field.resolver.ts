import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { Flow, FlowFieldRow, PupilField } from "../entities";
import { NotFoundError } from "../errors";

export async function requireField(context: Context, id: string): Promise<PupilField> {
  const field = await context.loaders.field.load(id);
  if (!field) throw new NotFoundError("pupil field", id, "List them with `fields { id label }`.");
  return field;
}

const present = <T>(items: (T | Error | null)[]): T[] => items.filter((x): x is T => x != null && !(x instanceof Error));

@Resolver(() => PupilField)
export class PupilFieldResolver {
  @Query(() => [PupilField], { description: "Every pupil field, ordered by category then label." })
  fields(@Ctx() context: Context): Promise<PupilField[]> {
    return context.dataSource.getRepository(PupilField).find({ order: { category: "ASC", label: "ASC" } });
  }

  @Query(() => PupilField, { nullable: true })
  field(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<PupilField> {
    return requireField(context, id);
  }

  @FieldResolver(() => [PupilField], { description: "Fields directly under this umbrella field." })
  async narrower(@Root() field: PupilField, @Ctx() context: Context): Promise<PupilField[]> {
    return present(await context.loaders.field.loadMany(field.narrowerIds));
  }

  @FieldResolver(() => [PupilField], { description: "Umbrella fields directly above this one." })
  async broader(@Root() field: PupilField, @Ctx() context: Context): Promise<PupilField[]> {
    const graph = (await context.snapshot()).graph;
    return present(await context.loaders.field.loadMany([...(graph.broaderOf.get(field.id) ?? [])]));
  }

  @FieldResolver(() => [Flow], { description: "Flows that list this field by name (not through an umbrella)." })
  async flows(@Root() field: PupilField, @Ctx() context: Context): Promise<Flow[]> {
    const rows = await context.loaders.fieldFlowRows.load(field.id);
    return present(await context.loaders.flow.loadMany(rows.map((r) => r.flowId)));
  }
}

@Resolver(() => FlowFieldRow)
export class FlowFieldResolver {
  @FieldResolver(() => PupilField)
  field(@Root() row: FlowFieldRow, @Ctx() context: Context): Promise<PupilField> {
    return requireField(context, row.fieldId);
  }
}
