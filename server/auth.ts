import { timingSafeEqual } from "node:crypto";
import { MiddlewareFn } from "type-graphql";
import { Context } from "./context";
import { UnauthenticatedError } from "./errors";

/** Guards every mutation: the register changes only for a request carrying the server's admin token. */
export const RequireAdmin: MiddlewareFn<Context> = async ({ context }, next) => {
  if (!context.writable) {
    throw new UnauthenticatedError(
      "This register is read-only: the server was started without REGISTER_ADMIN_TOKEN. Restart it with that variable set to change the register.",
    );
  }
  if (!context.isAdmin) {
    throw new UnauthenticatedError("Changing the register needs the admin token: send the header `Authorization: Bearer <REGISTER_ADMIN_TOKEN>`.");
  }
  return next();
};

/** Reads `Authorization: Bearer <token>` and compares it in constant time with the configured token. */
export function isAdminRequest(authorization: string | undefined, adminToken: string | null): boolean {
  if (!adminToken || !authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(adminToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
