import { DocumentNode, getNamedType, GraphQLSchema, Kind, TypeInfo, ValueNode, visit, visitWithTypeInfo } from "graphql";
import { BadUserInputError, echo } from "../errors";
import { UNPRINTABLE } from "./printable";
import { QUERY_LIMITS } from "./query-limits";

/** Longest string any argument may carry at all (a record's own limits, checked on import, are smaller). */
const ANY_STRING = 20_000;

/** Where a variable is used as an argument, and the longest string it may then hold. */
interface VariableUse {
  variable: string;
  argument: string;
  max: number;
}

/**
 * What a document's arguments allow, worked out once per document (Apollo hands the same parsed
 * document for the same query text): the first refused literal, if any, and how long each
 * variable's strings may be. Each request then checks only its variables' values.
 */
export interface ArgumentPlan {
  literalProblem: BadUserInputError | null;
  variables: VariableUse[];
}

function refusal(argument: string, problem: string): BadUserInputError {
  // Thrown before execution, so Apollo takes the HTTP status from the error: 400, not 500.
  return new BadUserInputError(`\`${argument}\` ${problem}`, argument, { http: { status: 400 } });
}

/**
 * Plans the checks of `document`'s arguments, in every operation and fragment: a `search` may
 * hold QUERY_LIMITS.searchLength characters (SQLite's LIKE refuses patterns past 50,000 bytes), an
 * ID QUERY_LIMITS.idLength, any other string 20,000; none may hold control characters or unpaired
 * surrogates (they cannot be stored faithfully and break other tools).
 */
export function planArguments(schema: GraphQLSchema, document: DocumentNode): ArgumentPlan {
  const typeInfo = new TypeInfo(schema);
  const plan: ArgumentPlan = { literalProblem: null, variables: [] };
  const walk = (node: ValueNode, argument: string, max: number) => {
    if (node.kind === Kind.STRING) {
      const problem = plan.literalProblem ? null : firstBadString(node.value, max);
      if (problem) plan.literalProblem = refusal(argument, problem);
    } else if (node.kind === Kind.VARIABLE) {
      plan.variables.push({ variable: node.name.value, argument, max });
    } else if (node.kind === Kind.LIST) {
      for (const item of node.values) walk(item, argument, max);
    } else if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) walk(field.value, argument, ANY_STRING);
    }
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        const max = argument.name === "search" ? QUERY_LIMITS.searchLength : getNamedType(argument.type).name === "ID" ? QUERY_LIMITS.idLength : ANY_STRING;
        walk(node.value, argument.name, max);
        return false;
      },
    }),
  );
  return plan;
}

/** Throws BAD_USER_INPUT for the first refused literal or variable value of the plan. */
export function checkArguments(plan: ArgumentPlan, variables: Record<string, unknown>): void {
  if (plan.literalProblem) throw plan.literalProblem;
  for (const use of plan.variables) {
    const problem = firstBadString(variables[use.variable], use.max);
    if (problem) throw refusal(use.argument, problem);
  }
}

/** What is wrong with the first bad string inside `value` (strings, lists, input objects), or null. */
function firstBadString(value: unknown, max: number): string | null {
  if (typeof value === "string") {
    if (value.length > max) return `is ${value.length.toLocaleString("en-GB")} characters long; at most ${max.toLocaleString("en-GB")} are accepted.`;
    if (UNPRINTABLE.test(value)) return `contains a control character or an unpaired UTF-16 surrogate (in "${echo(value.replace(UNPRINTABLE, "�"))}"); send plain text.`;
    return null;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = firstBadString(item, max);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const item of Object.values(value)) {
      const problem = firstBadString(item, ANY_STRING);
      if (problem) return problem;
    }
  }
  return null;
}
