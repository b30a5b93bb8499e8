import { GraphQLError } from "graphql";

/** The codes a client can rely on in `errors[].extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  CONFLICT = "CONFLICT",
  /** another process is writing to the register (an import); the change was not made: retry */
  REGISTER_BUSY = "REGISTER_BUSY",
  /** a chain question ran past the request's time budget */
  DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED",
  /** the operation named by `operationName` is not in the document, or none was named among several */
  OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE",
  /** a request the register cannot serve at all (a subscription, a persisted query) */
  BAD_REQUEST = "BAD_REQUEST",
}

/** At most this many characters of a value a client sent are repeated in an error message. */
const ECHO_LIMIT = 80;

/** A client's value as an error message quotes it: never more than ECHO_LIMIT characters. */
export function echo(value: string): string {
  return value.length <= ECHO_LIMIT ? value : `${value.slice(0, ECHO_LIMIT)}… (${value.length} characters)`;
}

/** An argument or input field is wrong; `field` names it so a script can point at it. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, field: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, ...extra } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(kind: string, id: string, hint = "") {
    // The id is echoed once, shortened: a 2 MB id must not make a 4 MB answer.
    super(`No ${kind} has the id \`${echo(id)}\`.${hint ? ` ${hint}` : ""}`, { extensions: { code: ErrorCode.NOT_FOUND, kind } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...extra } });
  }
}

export class RegisterBusyError extends GraphQLError {
  constructor() {
    super("Another change (an import, or another server on the same database) is being written to the register, so this change was not made. Try again in a few seconds.", {
      extensions: { code: ErrorCode.REGISTER_BUSY, http: { status: 503 } },
    });
  }
}

export class DeadlineExceededError extends GraphQLError {
  constructor(budgetMs: number) {
    super(
      `This request ran past its time budget of ${budgetMs / 1000} s for chain questions. Ask fewer chain questions in one request, give a \`field\`, or lower \`maxHops\` or \`first\`.`,
      { extensions: { code: ErrorCode.DEADLINE_EXCEEDED, budgetMs } },
    );
  }
}
