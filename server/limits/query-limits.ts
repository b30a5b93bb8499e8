/**
 * How much one GraphQL request may ask of the register. Every limit is documented in the README
 * ("Limits"); a request over one is refused before anything runs, with its own code and a
 * message saying the limit and how to ask less.
 */
export const QUERY_LIMITS = {
  /** lexical tokens in the document (the map's largest query has 163, GraphiQL's introspection 184); the parser stops at once past it */
  tokens: 1_000,
  /** nested selections, e.g. recipients { chain { hops { citations { notice { title } } } } } is 6 */
  depth: 12,
  /** aliased fields in one operation (`a: recipients(...) b: recipients(...)`) */
  aliases: 30,
  /** directives (`@include`, `@skip`) in one operation */
  directives: 30,
  /** estimated objects and values in the answer (see cost.ts); GitHub's node limit, counted our way */
  cost: 1_000_000,
  /** time one request may spend on chain questions (onwardChains, recipients, sources), ms */
  chainBudgetMs: 10_000,
  /** characters in `organisations(search:)` */
  searchLength: 200,
  /** characters in any id a query names (`organisation(id:)`, `from`, `field`, ...) */
  idLength: 200,
} as const;

/** The `extensions.code` of each refusal. */
export const LIMIT_CODES = {
  tokens: "QUERY_TOO_LONG",
  depth: "QUERY_TOO_DEEP",
  aliases: "TOO_MANY_ALIASES",
  directives: "TOO_MANY_DIRECTIVES",
  cost: "QUERY_TOO_COSTLY",
} as const;

export type LimitName = keyof typeof LIMIT_CODES;
