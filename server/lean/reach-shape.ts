import {
  DocumentNode,
  FieldNode,
  getNamedType,
  GraphQLField,
  GraphQLLeafType,
  GraphQLObjectType,
  GraphQLSchema,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  SelectionSetNode,
  specifiedRules,
  validate,
  type GraphQLOutputType,
  type OperationDefinitionNode,
} from "graphql";
import { limitValidationRules } from "../limits/apollo-limits";
import { estimateCost } from "../limits/cost";
import { QUERY_LIMITS } from "../limits/query-limits";
import { planArguments, type ArgumentPlan } from "../limits/request-strings";

/** Which chain question a lean answer serves, and which way its search runs. */
const REACH_FIELDS = { recipients: "downstream", sources: "upstream" } as const;
type ReachFieldName = keyof typeof REACH_FIELDS;

/**
 * Organisation fields a lean answer may write: those read straight from the entity's columns
 * (no field resolver, no database), as graphql-js would. Anything else (predecessors, outgoing,
 * citations...) is left to Apollo.
 */
export const PLAIN_ORGANISATION_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "name",
  "kind",
  "aliases",
  "isUnnamed",
  "website",
  "contact",
  "isRole",
  "area",
  "existedFrom",
  "existedTo",
  "lifetimeBasis",
  "lifetimeNote",
]);

/** Recipient fields a lean answer writes from the search itself (`chain` is left to Apollo). */
const RECIPIENT_LEAVES: ReadonlySet<string> = new Set(["hops", "level", "certainty"]);

/** A leaf in an answer: its response key, and where its value comes from. */
export interface LeafWrite {
  key: string;
  /** `__typename`, or the field's name on its parent */
  field: string;
  /** null for `__typename` */
  type: GraphQLOutputType | null;
  /** the parent's type name, which `__typename` writes */
  parent: string;
}

/** What a Recipient's selection writes, in document order (graphql-js answers in that order). */
export type RecipientWrite = LeafWrite | { key: string; field: "organisation"; organisation: LeafWrite[] };

/** A document recognised as a plain `recipients` or `sources` question. */
export interface ReachShape {
  direction: "downstream" | "upstream";
  /** the organisation argument's name: `from` or `to` */
  startArgument: "from" | "to";
  /** the root field's response key (its alias, or its name) */
  responseKey: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fieldNode: FieldNode;
  fieldDefinition: GraphQLField<unknown, unknown>;
  recipient: RecipientWrite[];
  /** a key naming the organisation selection, for answers' kept organisation fragments */
  organisationSelection: string;
  /** the string checks Apollo's limits plugin makes on every request (request-strings.ts) */
  argumentPlan: ArgumentPlan;
  /** whether it is within the cost limit, once known (`isWithinCost`) */
  withinCost: boolean | null;
}

/** Leaf selections only, each key once, no directives or arguments: null for anything else. */
function leafSelections(selectionSet: SelectionSetNode | undefined, parent: GraphQLObjectType, allowed: (name: string) => boolean): LeafWrite[] | null {
  if (!selectionSet) return null;
  const writes: LeafWrite[] = [];
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.arguments?.length || selection.selectionSet) return null;
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    const name = selection.name.value;
    if (name === "__typename") {
      writes.push({ key, field: name, type: null, parent: parent.name });
      continue;
    }
    const definition = parent.getFields()[name];
    if (!definition || !allowed(name) || !isLeafType(getNamedType(definition.type))) return null;
    writes.push({ key, field: name, type: definition.type, parent: parent.name });
  }
  return writes;
}

/**
 * Recognises the questions scripts and the bench ask most, whose answers are written straight
 * from the search (lean-reach.ts): one query operation holding one `recipients` or `sources`
 * field, selecting `hops`, `level`, `certainty`, `__typename` and plain organisation fields, with
 * no fragments or directives, valid against the schema and within every limit Apollo checks on
 * the document. Anything else gives null and goes to Apollo as before.
 */
export function reachShapeOf(schema: GraphQLSchema, query: string): ReachShape | null {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: QUERY_LIMITS.tokens, noLocation: true });
  } catch {
    return null;
  }
  if (document.definitions.length !== 1) return null;
  const operation = document.definitions[0];
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query" || operation.directives?.length) return null;
  if (operation.variableDefinitions?.some((v) => v.directives?.length)) return null;
  const roots = operation.selectionSet.selections;
  if (roots.length !== 1 || roots[0].kind !== Kind.FIELD || roots[0].directives?.length) return null;
  const fieldNode = roots[0];
  const name = fieldNode.name.value;
  if (!Object.hasOwn(REACH_FIELDS, name)) return null;
  const queryType = schema.getQueryType()!;
  const fieldDefinition = queryType.getFields()[name];
  const recipientType = getNamedType(fieldDefinition.type) as GraphQLObjectType;
  const organisationType = recipientType.getFields().organisation ? (getNamedType(recipientType.getFields().organisation.type) as GraphQLObjectType) : null;
  if (!organisationType || !fieldNode.selectionSet) return null;

  const recipient: RecipientWrite[] = [];
  const keys = new Set<string>();
  let organisationSelection = "";
  for (const selection of fieldNode.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.arguments?.length) return null;
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    if (selection.name.value === "organisation") {
      const organisation = leafSelections(selection.selectionSet, organisationType, (field) => PLAIN_ORGANISATION_FIELDS.has(field));
      if (!organisation) return null;
      organisationSelection = organisation.map((w) => `${w.key}:${w.field}`).join(" ");
      recipient.push({ key, field: "organisation", organisation });
      continue;
    }
    if (selection.selectionSet) return null;
    const leaf = leafSelections({ kind: Kind.SELECTION_SET, selections: [selection] }, recipientType, (field) => RECIPIENT_LEAVES.has(field));
    if (!leaf) return null;
    recipient.push(leaf[0]);
  }

  // What Apollo refuses, this does not answer: the schema's rules and the register's limits.
  if (validate(schema, document, [...specifiedRules, ...limitValidationRules]).length > 0) return null;
  return {
    document,
    direction: REACH_FIELDS[name as ReachFieldName],
    startArgument: REACH_FIELDS[name as ReachFieldName] === "downstream" ? "from" : "to",
    responseKey: fieldNode.alias?.value ?? name,
    operation,
    fieldNode,
    fieldDefinition,
    recipient,
    organisationSelection,
    argumentPlan: planArguments(schema, document),
    withinCost: null,
  };
}

/**
 * Whether the shape is within the register's cost limit, as Apollo's limits plugin estimates it.
 * The estimate needs variables' values; no variable of these questions changes it (they have no
 * `first`, and directives are refused), so it is worked out once, on the first request.
 */
export function isWithinCost(schema: GraphQLSchema, shape: ReachShape, variables: Record<string, unknown>): boolean {
  if (shape.withinCost === null) {
    try {
      shape.withinCost = estimateCost(schema, shape.document, variables, shape.operation.name?.value ?? null) <= QUERY_LIMITS.cost;
    } catch {
      return false; // variables graphql-js refuses: Apollo answers
    }
  }
  return shape.withinCost;
}

/** A leaf's value as graphql-js completes it, or `undefined` where graphql-js would report an error. */
export function serialiseLeaf(type: GraphQLOutputType, value: unknown): unknown {
  if (value === null || value === undefined) return isNonNullType(type) ? undefined : null;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return undefined;
    const items: unknown[] = [];
    for (const item of value) {
      const serialised = serialiseLeaf(nullable.ofType, item);
      if (serialised === undefined) return undefined;
      items.push(serialised);
    }
    return items;
  }
  try {
    const serialised = (nullable as GraphQLLeafType).serialize(value);
    return serialised === undefined ? undefined : serialised;
  } catch {
    return undefined;
  }
}
