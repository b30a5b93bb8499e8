import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { DocumentNode, execute, ExecutionResult, GraphQLSchema, printSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/**
 * Runs operations as compiled JavaScript (graphql-jit) instead of graphql-js's interpreter.
 *
 * Why: a `recipients` answer lists about 400 organisations. graphql-js walks the selection for
 * each of them and builds every result object with `Object.create(null)`, which V8 keeps in
 * dictionary mode, so building the answer and then `JSON.stringify`-ing it cost more than the
 * graph search itself (profiled: about a third of the server's time under load). A compiled
 * query builds plain object literals in one pass. `npm run bench` measures the difference.
 *
 * Apollo Server still parses, validates, runs plugins and formats errors; only execution is
 * replaced, through its documented executor hook (the `gateway` option's `load()`).
 *
 * Compiled queries are kept per parsed document: Apollo caches parsed documents by query text
 * (its document store), so a query a client repeats compiles once; when Apollo drops the
 * document, the compiled query goes with it (WeakMap). An operation graphql-jit cannot compile
 * runs through graphql-js as before, and so does one whose variables are wrong (so the error
 * is graphql-js's own). `test/api/compiled-execution.test.ts` checks answers, errors and HTTP
 * statuses against graphql-js's.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string | null, CompiledQuery | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    let query = byOperation.get(operationName);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      query = isCompiledQuery(result) ? result : null;
      byOperation.set(operationName, query);
    }
    return query;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, context } = requestContext;
    const variables = requestContext.request.variables ?? {};
    // Variables are checked by graphql-js first: its errors name the variable and point at its
    // definition, which Apollo turns into BAD_USER_INPUT with HTTP 400; graphql-jit's own
    // messages differ and would surface as internal errors.
    const query = getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors ? null : compiledFor(document, operationName);
    const result: ExecutionResult = query
      ? await query.query(undefined, context, variables)
      : await execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    return result as Awaited<ReturnType<GatewayExecutor>>;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}
