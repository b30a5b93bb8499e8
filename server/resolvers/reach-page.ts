import { BadUserInputError } from "../errors";
import { decodeCursor, encodeCursor, NOT_A_CURSOR, PageInfo } from "./types/connection";

/** Where one page of a recipients or sources answer lies in the whole answer. */
export interface ReachPage {
  /** fingerprints of the question and of its whole answer (see graph/reach-pages.ts) */
  question: string;
  answer: () => string;
  /** the page is items start (inclusive) to end (exclusive) of total */
  start: number;
  end: number;
  total: number;
}

const DIFFERENT_QUESTION =
  "`after` is a cursor from a different question (another organisation, direction, field or filter). Pass the `pageInfo.endCursor` of the previous page of this same question, or leave `after` out to start from the first page.";

const REGISTER_CHANGED =
  "The register has changed since that page was given, and this answer changed with it: pages from before and after the change would not fit together. Start again from the first page (leave `after` out).";

/**
 * A cursor names the question, the whole answer it belongs to and a position in it, so the next
 * page is found without searching for the organisation, and a cursor from another question or
 * from an answer the register has since changed is told apart from a good one. Base64url, like
 * the connections' cursors, and made by the same helper.
 */
const CURSOR = /^reach\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.(0|[1-9][0-9]{0,8})$/;

function reachCursor(page: ReachPage, index: number): string {
  return encodeCursor(`reach.${page.question}.${page.answer()}.${index}`);
}

/**
 * Where the page after `after` starts in the whole answer: 0 without a cursor.
 * @throws BadUserInputError for a cursor this API did not give out, one from another question,
 * or one from an answer the register has since changed.
 */
export function reachPageStart(after: string | null | undefined, question: string, answer: () => string, total: number): number {
  const decoded = decodeCursor(after);
  if (decoded === null) return 0;
  const match = CURSOR.exec(decoded);
  if (!match) throw new BadUserInputError(NOT_A_CURSOR, "after");
  if (match[1] !== question) throw new BadUserInputError(DIFFERENT_QUESTION, "after");
  if (match[2] !== answer()) throw new BadUserInputError(REGISTER_CHANGED, "after");
  const index = Number(match[3]);
  // Only a cursor altered by hand points past the answer its fingerprint names.
  if (index >= total) throw new BadUserInputError(NOT_A_CURSOR, "after");
  return index + 1;
}

/** The page's `pageInfo`, as the connections give it. */
export function reachPageInfo(page: ReachPage): PageInfo {
  const empty = page.end <= page.start;
  return {
    hasNextPage: page.end < page.total,
    hasPreviousPage: page.start > 0,
    startCursor: empty ? null : reachCursor(page, page.start),
    endCursor: empty ? null : reachCursor(page, page.end - 1),
  };
}
