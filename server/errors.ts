import { GraphQLError } from "graphql";

/** The codes a client can rely on in `errors[].extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  CONFLICT = "CONFLICT",
}

/** An argument or input field is wrong; `field` names it so a script can point at it. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, field: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, ...extra } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(kind: string, id: string, hint = "") {
    super(`No ${kind} has the id \`${id}\`.${hint ? ` ${hint}` : ""}`, { extensions: { code: ErrorCode.NOT_FOUND, kind, id } });
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
