import { TestServer } from "./server";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** Runs an operation through Apollo's `executeOperation` against the real schema (no HTTP). */
export async function execute<T = Record<string, unknown>>(
  test: TestServer,
  query: string,
  variables: Record<string, unknown> = {},
  authorization?: string,
): Promise<GraphQLResponse<T>> {
  const response = await test.server.apollo.executeOperation({ query, variables }, { contextValue: test.server.contextFor(authorization) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as GraphQLResponse<T>;
}

/** Like `execute`, but fails the test with the server's messages when any error comes back. */
export async function data<T = Record<string, any>>(test: TestServer, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await execute<T>(test, query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${result.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join("; ")}`);
  return result.data as T;
}

/** The SQL statements the register runs while `work` runs, in order. */
export async function recordQueries(test: TestServer, work: () => Promise<unknown>): Promise<string[]> {
  const logger = test.dataSource.logger;
  const statements: string[] = [];
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (...args: Parameters<typeof logger.logQuery>) => {
    statements.push(args[0]);
    return original(...args);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return statements;
}

/** Counts SQL statements the register runs while `work` runs (to prove DataLoader batching). */
export async function countQueries(test: TestServer, work: () => Promise<unknown>): Promise<number> {
  return (await recordQueries(test, work)).length;
}
