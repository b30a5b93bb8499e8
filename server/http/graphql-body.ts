/** Checks on a GraphQL POST body shared by the handlers in front of Apollo (register-answer.ts, server/lean). */

/** A JSON object (not an array, not null). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Apollo Client names itself in extensions.clientLibrary; Apollo Server's answer does not depend on it. */
export const onlyClientLibrary = (extensions: unknown): boolean =>
  extensions === undefined || extensions === null || (isPlainObject(extensions) && Object.keys(extensions).every((key) => key === "clientLibrary"));
