import { GraphQLLocalDate } from "graphql-scalars";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { Citation, Flow, Organisation, PupilField } from "../entities";
import { ScopeKind } from "../entities/enums";
import { heldBetween } from "../graph/lifetimes";
import { decodeScope } from "../graph/scope-codes";
import { DefinedItem, FieldDefinition, FlowScope, OptOutBinding } from "./types/model.type";

const present = <T>(items: (T | Error | null)[]): T[] => items.filter((x): x is T => x != null && !(x instanceof Error));

/** The scope in words: what a DPO reads beside the flow. */
function describeScope(kind: ScopeKind, area: string | null, named: Organisation | null): string {
  switch (kind) {
    case ScopeKind.NATIONAL:
      return "Every school (or LA) in England: each named one inherits this flow.";
    case ScopeKind.AREA:
      return area?.startsWith("notice-area:")
        ? "The schools of the notice's own LA, which the notice does not name: no named organisation inherits this flow, and no chain from one follows it."
        : `The schools and the LA of ${named?.name ?? area}'s area: only named organisations there inherit or follow this flow.`;
    case ScopeKind.ORGANISATION:
      return `${named?.name ?? "One organisation"}'s own pupils: only chains about them follow this flow.`;
    case ScopeKind.COUNTERPART:
      return "The role stands for one pupil's other school (the next or previous school), not for the notice's subject: no named school inherits it, and after it chains follow only flows stated for every school.";
  }
}

/** Field resolvers for roles and instances, lifetimes, scopes, reference definitions and bound opt-outs. */
@Resolver(() => Organisation)
export class OrganisationModelResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: "For a named organisation, the role it is an instance of (e.g. `school`)." })
  async instanceOf(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Organisation | null> {
    return organisation.instanceOfId ? context.loaders.organisation.load(organisation.instanceOfId) : null;
  }

  @FieldResolver(() => [Citation], { description: "For a lifetime a notice states: the quotes. Empty for outside knowledge (see lifetimeNote)." })
  async lifetimeCitations(@Root() organisation: Organisation, @Ctx() context: Context): Promise<Citation[]> {
    return (await context.loaders.organisationCitations.load(organisation.id)).filter((c) => c.topic === null);
  }
}

@Resolver(() => Flow)
export class FlowModelResolver {
  @FieldResolver(() => FlowScope, { description: "Whose pupils the flow speaks for (NATIONAL unless a notice states it for a role in a narrower scope)." })
  async scope(@Root() flow: Flow, @Ctx() context: Context): Promise<FlowScope> {
    const scope = decodeScope(flow.scope ?? "NATIONAL");
    const result = new FlowScope();
    result.kind = scope.kind as ScopeKind;
    result.area = scope.kind === "AREA" ? scope.area : null;
    const namedId = scope.kind === "AREA" ? scope.area : scope.kind === "ORGANISATION" ? scope.organisation : null;
    result.organisation = namedId && !namedId.startsWith("notice-area:") ? await context.loaders.organisation.load(namedId) : null;
    result.description = describeScope(result.kind, result.area, result.organisation);
    return result;
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "The first day the flow holds: validFrom, narrowed by its two ends' lifetimes (what chains and the map use).",
  })
  async heldFrom(@Root() flow: Flow, @Ctx() context: Context): Promise<string | null> {
    return (await heldByLifetimes(flow, context)).validFrom;
  }

  @FieldResolver(() => GraphQLLocalDate, {
    nullable: true,
    description: "The last day the flow holds: validTo, narrowed by its two ends' lifetimes (e.g. when its recipient closed).",
  })
  async heldTo(@Root() flow: Flow, @Ctx() context: Context): Promise<string | null> {
    return (await heldByLifetimes(flow, context)).validTo;
  }

  @FieldResolver(() => [OptOutBinding], { description: "Opt-outs on this flow that bind only what the sender received from certain organisations." })
  async optOutBindings(@Root() flow: Flow, @Ctx() context: Context): Promise<OptOutBinding[]> {
    return Promise.all(
      Object.entries(flow.optOutReceivedFrom ?? {}).map(async ([optOutId, ids]) =>
        Object.assign(new OptOutBinding(), { optOutId, receivedFrom: present(await context.loaders.organisation.loadMany(ids)) }),
      ),
    );
  }
}

@Resolver(() => PupilField)
export class PupilFieldModelResolver {
  @FieldResolver(() => FieldDefinition, { nullable: true, description: "For an umbrella a reference source itemises (the school census return): the source and its items." })
  async definition(@Root() field: PupilField, @Ctx() context: Context): Promise<FieldDefinition | null> {
    if (!field.definition) return null;
    const entries = Object.entries(field.definition.items);
    const fields = await context.loaders.field.loadMany(entries.map(([id]) => id));
    const items = entries.flatMap(([, sourceItems], i) => {
      const item = fields[i];
      return item instanceof PupilField ? [Object.assign(new DefinedItem(), { field: item, sourceItems })] : [];
    });
    return Object.assign(new FieldDefinition(), { source: field.definition.source, note: field.definition.note, items });
  }
}

/** A flow's validity narrowed by its two ends' lifetimes, as the snapshot's chains see them. */
async function heldByLifetimes(flow: Flow, context: Context): Promise<{ validFrom: string | null; validTo: string | null }> {
  const { organisationsById } = (await context.snapshot()).graph;
  return heldBetween(flow, organisationsById.get(flow.fromId), organisationsById.get(flow.toId));
}
