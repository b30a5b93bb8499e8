import { getNamedType, GraphQLSchema, OperationDefinitionNode, DocumentNode, TypeInfo, visit, visitWithTypeInfo, valueFromAST, Kind } from "graphql";
import { BadUserInputError, echo } from "../errors";
import { UNPRINTABLE } from "./printable";
import { QUERY_LIMITS } from "./query-limits";

/** Longest string any argument may carry at all (a record's own limits, checked on import, are smaller). */
const ANY_STRING = 20_000;

/**
 * Refuses arguments no register question needs, before anything runs: text with control characters
 * or unpaired surrogates anywhere (they cannot be stored faithfully and break other tools), any
 * string over 20,000 characters, ids over QUERY_LIMITS.idLength and a `search` over
 * QUERY_LIMITS.searchLength (SQLite's LIKE refuses patterns past 50,000 bytes).
 */
export function checkRequestStrings(schema: GraphQLSchema, document: DocumentNode, _operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const typeInfo = new TypeInfo(schema);
  const problems: BadUserInputError[] = [];
  // The whole document: arguments inside fragments count too.
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        const value = node.value.kind === Kind.VARIABLE ? variables[node.value.name.value] : valueFromAST(node.value, argument.type, variables);
        const named = getNamedType(argument.type).name;
        const max = argument.name === "search" ? QUERY_LIMITS.searchLength : named === "ID" ? QUERY_LIMITS.idLength : ANY_STRING;
        const problem = firstBadString(value, max);
        // Thrown before execution, so Apollo takes the HTTP status from the error: 400, not 500.
        if (problem) problems.push(new BadUserInputError(`\`${argument.name}\` ${problem}`, argument.name, { http: { status: 400 } }));
        return false;
      },
    }),
  );
  if (problems.length > 0) throw problems[0];
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
