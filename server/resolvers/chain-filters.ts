import { BadUserInputError } from "../errors";
import type * as graph from "../graph";
import { ChainBasis, type ChainFilterArgs } from "./types/args";

/**
 * A chain question's arguments as the algorithms take them, once its ids are known to exist: the
 * resolvers (chain.resolver.ts) and the lean answers (server/lean) build filters here alike, so
 * both ask the algorithms the same question.
 * @throws BadUserInputError when `pupilAge` is out of range.
 */
export function toChainFilters(args: ChainFilterArgs): graph.ChainFilters {
  if (args.pupilAge != null && (args.pupilAge < 0 || args.pupilAge > 25)) {
    throw new BadUserInputError("`pupilAge` must be an age from 0 to 25.", "pupilAge");
  }
  return {
    field: args.field ?? null,
    maxHops: args.maxHops ?? null,
    pupilAge: args.pupilAge ?? null,
    optOuts: args.optOuts ?? [],
    asOf: args.asOf ?? null,
    basis: args.basis === ChainBasis.STATED ? "STATED" : null,
    identifiableOnly: args.identifiableOnly ?? false,
  };
}
