import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { DocumentNode, GraphQLError, GraphQLSchema, Kind, ValidationContext, ValidationRule, visit } from "graphql";
import { ErrorCode } from "../errors";
import { estimateCost } from "./cost";
import { LIMIT_CODES, LimitName, QUERY_LIMITS } from "./query-limits";
import { ArgumentPlan, checkArguments, planArguments } from "./request-strings";

/** A refusal for going over `limit`, with its code, the limit and what to do about it. */
export function limitError(limit: LimitName, found: number, advice: string): GraphQLError {
  const max = QUERY_LIMITS[limit];
  return new GraphQLError(`This query is over the register's ${limit} limit: ${found.toLocaleString("en-GB")} against at most ${max.toLocaleString("en-GB")}. ${advice}`, {
    extensions: { code: LIMIT_CODES[limit], limit: { name: limit, max, found }, http: { status: 400 } },
  });
}

const ADVICE = {
  depth: "Select fewer nested levels: to follow data onward, ask `recipients` or `onwardChains` rather than nesting `outgoing { to { outgoing ... } }`.",
  aliases: "Send fewer aliased fields in one request, or several requests.",
  directives: "Use fewer @include/@skip directives.",
  cost: "Ask for less in one request: fewer nested lists, a smaller `first`, or page with `organisationsConnection`/`flowsConnection`.",
  tokens: "Send a shorter query document.",
};

/**
 * GraphQL Armor's rules report a plain error; ours carry the limit's code. Armor's numbers come
 * from its message ("... limit of 12 exceeded, found 14."); the rule only reports, never throws.
 */
function armored(limit: "depth" | "aliases" | "directives", rule: typeof maxDepthRule): ValidationRule {
  return rule({
    n: QUERY_LIMITS[limit],
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
        context?.reportError(limitError(limit, found, ADVICE[limit]));
      },
    ],
  }) as unknown as ValidationRule;
}

/** Validation rules for the static limits: they hold for a document whatever its variables. */
export const limitValidationRules: ValidationRule[] = [
  armored("depth", maxDepthRule),
  armored("aliases", maxAliasesRule as unknown as typeof maxDepthRule),
  armored("directives", maxDirectivesRule as unknown as typeof maxDepthRule),
];

/**
 * graphql-js's parser refuses a document past `maxTokens` with a syntax error; Apollo reports it
 * as GRAPHQL_PARSE_FAILED. `formatError` gives it the tokens limit's own code with this.
 */
export function asTokenLimitError(message: string): GraphQLError | null {
  // graphql-js 16 words it "more that N tokens"; either spelling.
  if (!/Document contains more tha[nt] \d+ tokens/.test(message)) return null;
  return limitError("tokens", QUERY_LIMITS.tokens + 1, ADVICE.tokens);
}

/** What is worked out once per parsed document and operation, not per request. */
interface RequestPlan {
  arguments: ArgumentPlan;
  /** true when no variable can change the cost: none is a `first` or sits in a directive */
  costIsFixed: boolean;
  /** the cost, once known, when it is fixed */
  fixedCost: number | null;
}

/**
 * Plans per document, kept as long as Apollo keeps the document (it hands the same parsed
 * document for the same query text). Working the checks out per request cost about 0.2 ms, more
 * than a tenth of a national `recipients` answer.
 */
const plans = new WeakMap<DocumentNode, Map<string | null, RequestPlan>>();

function planFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): RequestPlan {
  let byOperation = plans.get(document);
  if (!byOperation) plans.set(document, (byOperation = new Map()));
  let plan = byOperation.get(operationName);
  if (!plan) {
    plan = { arguments: planArguments(schema, document), costIsFixed: !variablesChangeCost(document), fixedCost: null };
    byOperation.set(operationName, plan);
  }
  return plan;
}

/** Whether a variable is a `first` (a list's size) or a directive's argument (whether a part counts at all). */
function variablesChangeCost(document: DocumentNode): boolean {
  let changes = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === "first" && node.value.kind === Kind.VARIABLE) changes = true;
    },
    Directive(node) {
      if (node.arguments?.some((a) => a.value.kind === Kind.VARIABLE)) changes = true;
    },
  });
  return changes;
}

/**
 * The estimate needs the variables' values. When they are wrong (a string for an Int, a missing
 * required one), nothing can run: execution refuses the request with graphql-js's own
 * BAD_USER_INPUT naming the variable, which says more than a cost could.
 */
function costUnlessVariablesAreWrong(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null): number | null {
  try {
    return estimateCost(schema, document, variables, operationName);
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
}

/**
 * Checks each request once its operation is known, on every request (Apollo skips validation for
 * documents it has seen, but cost depends on the variables):
 * - an unknown `operationName`, or several operations and none named: OPERATION_RESOLUTION_FAILURE;
 * - a subscription (the register has none): BAD_REQUEST;
 * - arguments with control characters, unpaired surrogates, or ids and searches too long: BAD_USER_INPUT;
 * - the estimated cost over the limit: QUERY_TOO_COSTLY.
 * It runs before execution, compiled or not, so the compiled path cannot bypass it.
 */
export function limitsPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, operationName }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? "The document has no operation with the `operationName` given. Send the name of one of its operations, or leave `operationName` out when it has only one."
                : "The document holds several operations: name the one to run in `operationName`.",
              { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } },
            );
          }
          if (operation.operation === "subscription") {
            throw new GraphQLError("The register has no subscriptions: send a query or a mutation.", { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });
          }
          const variables = request.variables ?? {};
          const plan = planFor(schema, document, operationName);
          checkArguments(plan.arguments, variables);
          const cost = plan.fixedCost ?? costUnlessVariablesAreWrong(schema, document, variables, operationName);
          if (cost !== null && plan.costIsFixed) plan.fixedCost = cost;
          if (cost !== null && cost > QUERY_LIMITS.cost) throw limitError("cost", cost, ADVICE.cost);
        },
      };
    },
  };
}
