import { getNamedType, getNullableType, GraphQLSchema, isListType, isLeafType, DocumentNode } from "graphql";
import { ComplexityEstimator, getComplexity } from "graphql-query-complexity";

/**
 * The size assumed for a list whose length a query cannot bound. Plain lists (`organisations`,
 * `flows`, `outgoing`) return everything that matches, so their real length depends on the
 * register; 100 makes nesting them multiply quickly, as it should: `outgoing { to { outgoing {
 * to { outgoing { to { outgoing ... } } } } } }` is what ran the server out of memory.
 */
const DEFAULT_LIST_SIZE = 100;

/** Lists bounded by the model itself (a chain has at most 12 hops) or typically short. */
const LIST_SIZES: Record<string, number> = {
  "Chain.hops": 12,
  "Chain.inferredHops": 12,
  "Chain.inheritedHops": 12,
  "Chain.organisations": 13,
  "Chain.fields": 20,
  "Flow.fields": 30,
  "Flow.citations": 5,
  "Flow.optOuts": 5,
  "Organisation.predecessors": 5,
  "OptOut.remainingFields": 30,
  "OptOut.citations": 5,
};

/** A chain question is a graph search: it costs as much as a hundred-object answer before it answers. */
const CHAIN_QUESTIONS = new Set(["onwardChains", "recipients", "recipientsReport", "sources", "sourcesReport"]);
const CHAIN_QUESTION_COST = 100;

/**
 * Chain answers that can be asked a page at a time. Their whole answer is counted at
 * DEFAULT_LIST_SIZE organisations (it can name every school in England), and a page can never
 * hold more than the whole answer: so a page counts `first` organisations, but at most that many.
 */
const PAGED_CHAIN_QUESTIONS = new Set(["recipientsReport", "sourcesReport"]);

/**
 * The estimated size of an answer, as GitHub's node limit counts it: every object counts one
 * (values inside it are free), and a list counts its assumed length times what each item
 * selects. A list with a `first` argument counts `first` items. Introspection is free: its size
 * is bounded by the schema, and GraphiQL needs it.
 */
export const answerSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith("__") || type.name.startsWith("__")) return 0;
  const key = `${type.name}.${field.name}`;
  const fieldType = getNullableType(field.type);
  const leaf = isLeafType(getNamedType(fieldType));
  if (leaf && !isListType(fieldType)) return 0;
  const own = type.name === "Query" && CHAIN_QUESTIONS.has(field.name) ? CHAIN_QUESTION_COST : 1;
  const asked = typeof args.first === "number" && args.first > 0 ? args.first : null;
  const first = asked !== null && type.name === "Query" && PAGED_CHAIN_QUESTIONS.has(field.name) ? Math.min(asked, DEFAULT_LIST_SIZE) : asked;
  // `onwardChains(first:)`, `...Connection(first:)` and `...Report(first:)` bound a list one level
  // down (`chains`, `edges`, `organisations`), which was counted at DEFAULT_LIST_SIZE items: scale it to `first`.
  if (!isListType(fieldType)) return own + (first === null ? childComplexity : Math.ceil((childComplexity * first) / DEFAULT_LIST_SIZE));
  return own + (first ?? LIST_SIZES[key] ?? DEFAULT_LIST_SIZE) * Math.max(1, childComplexity);
};

/**
 * The estimated cost of running `operationName` of `document` with `variables`.
 * Throws a GraphQLError when the document itself is invalid for the estimate (the caller has
 * validated it already, so that does not happen for requests that reach it).
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined): number {
  return getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators: [answerSizeEstimator] });
}
