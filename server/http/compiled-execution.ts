import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from "@apollo/server-gateway-interface";
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/** A document's operation the first time it is seen (not compiled yet), or one graphql-jit cannot compile. */
const SEEN_ONCE = "seen once";
const NOT_COMPILABLE = "not compilable";
type Entry = CompiledQuery | typeof SEEN_ONCE | typeof NOT_COMPILABLE;

/**
 * Runs queries as compiled JavaScript (graphql-jit) instead of graphql-js's interpreter.
 *
 * Why: a `recipients` answer lists about 400 organisations. graphql-js walks the selection for
 * each of them and builds every result object with `Object.create(null)`, which V8 keeps in
 * dictionary mode, so building the answer and then `JSON.stringify`-ing it cost more than the
 * graph search itself (profiled under load). A compiled query builds plain object literals in
 * one pass. `npm run bench` measures the result.
 *
 * Apollo Server still parses, validates, runs plugins and formats errors; only execution is
 * replaced, through its documented executor hook (the `gateway` option's `load()`).
 *
 * What runs through graphql-js instead, so that its behaviour is the register's:
 * - a query the first time its document is seen: compiling costs a few milliseconds (28 ms for
 *   introspection) and about 40 KB, worth it for a query clients repeat, not for a flood of
 *   one-off ones;
 * - a query whose variables are wrong, so the error is graphql-js's own (BAD_USER_INPUT, 400);
 * - mutations: graphql-js stops a mutation's fields at the first that fails, graphql-jit goes on;
 * - anything graphql-jit cannot compile.
 *
 * Compiled queries are kept per parsed document: Apollo caches parsed documents by query text
 * (its document store), so the same text gives the same document; when Apollo drops it, the
 * compiled query goes with it (WeakMap). Errors graphql-jit reports are turned into graphql-js
 * errors, so Apollo formats, masks and logs them as it does any other.
 * `test/api/compiled-execution.test.ts` checks answers, errors and HTTP statuses against
 * graphql-js's.
 */
export class CompiledExecution implements GatewayInterface {
  private readonly entries = new WeakMap<DocumentNode, Map<string | null, Entry>>();
  /** operations run compiled / through graphql-js, since start (for tests and diagnostics) */
  readonly runs = { compiled: 0, interpreted: 0, serialised: 0 };

  constructor(private readonly schema: GraphQLSchema) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    callback({ apiSchema: this.schema, coreSupergraphSdl: printSchema(this.schema) });
    return () => {};
  }

  async load() {
    return { executor: this.executor };
  }

  async stop() {}

  private readonly executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, context } = requestContext;
    const variables = requestContext.request.variables ?? {};
    // limitsPlugin refuses a request whose operation cannot be found before it gets here; graphql-js
    // reports it again should that ever change, rather than a TypeError here.
    let query = operation?.operation === "query" ? this.compiledFor(document, operationName) : null;
    if (query && getVariableValues(this.schema, operation.variableDefinitions ?? [], variables).errors) query = null;
    if (!query) {
      this.runs.interpreted++;
      const result = await execute({ schema: this.schema, document, contextValue: context, variableValues: variables, operationName });
      return result as Awaited<ReturnType<GatewayExecutor>>;
    }
    this.runs.compiled++;
    const result: ExecutionResult = await query.query(undefined, context, variables);
    if (result.errors) return { ...result, errors: result.errors.map(asGraphqlJsError) } as Awaited<ReturnType<GatewayExecutor>>;
    if (result.data) this.serialisers.set(result.data, query.stringify);
    return result as Awaited<ReturnType<GatewayExecutor>>;
  };

  /** The serialiser compiled for the query that made each answer's `data` (see `stringifyResult`). */
  private readonly serialisers = new WeakMap<object, (result: { data: unknown }) => string>();

  /**
   * Apollo's `stringifyResult`: an answer a compiled query made without errors is written by the
   * serialiser graphql-jit compiled for that query's shape (fast-json-stringify: it knows every
   * key and type in advance, where JSON.stringify inspects each of a recipients answer's 400
   * objects as it goes); anything else, as Apollo does by default.
   */
  readonly stringifyResult = (value: { data?: unknown; errors?: unknown; extensions?: unknown }): string => {
    const serialise = value.errors === undefined && value.extensions === undefined && value.data && typeof value.data === "object" ? this.serialisers.get(value.data) : undefined;
    if (!serialise) return `${JSON.stringify(value)}\n`;
    this.runs.serialised++;
    return `${serialise({ data: value.data })}\n`;
  };

  /** The compiled query, compiling it the second time its document is seen; null to interpret. */
  private compiledFor(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    let byOperation = this.entries.get(document);
    if (!byOperation) this.entries.set(document, (byOperation = new Map()));
    const entry = byOperation.get(operationName);
    if (entry === undefined) {
      byOperation.set(operationName, SEEN_ONCE);
      return null;
    }
    if (entry === SEEN_ONCE) {
      const compiled = compileWithSerialiser(this.schema, document, operationName ?? undefined);
      byOperation.set(operationName, isCompiledQuery(compiled) ? compiled : NOT_COMPILABLE);
      return isCompiledQuery(compiled) ? compiled : null;
    }
    return entry === NOT_COMPILABLE ? null : entry;
  }
}

/**
 * Compiles a query with a serialiser for its answer's shape, or without one (answers then go out
 * through JSON.stringify) for the few shapes fast-json-stringify cannot describe.
 */
function compileWithSerialiser(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult {
  try {
    const compiled = compileQuery(schema, document, operationName, { customJSONSerializer: true });
    if (isCompiledQuery(compiled)) return compiled;
  } catch {
    // below
  }
  return compileQuery(schema, document, operationName);
}

/**
 * graphql-jit reports errors as its own subclass without `extensions`, and wraps what a resolver
 * throws; Apollo needs graphql-js's shape to give the code, mask internal errors and log them.
 * Errors a resolver threw as GraphQLErrors (NOT_FOUND, BAD_USER_INPUT...) keep their own shape.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const original = error.originalError;
  const converted =
    original instanceof GraphQLError
      ? new GraphQLError(original.message, { path: error.path, originalError: original.originalError ?? undefined, extensions: original.extensions })
      : new GraphQLError(error.message, { path: error.path, originalError: original ?? undefined });
  (converted as { locations: GraphQLError["locations"] }).locations = error.locations;
  return converted;
}
