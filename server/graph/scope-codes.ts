import type { FlowScope } from "./types";

/**
 * A flow's scope as the register stores it in one text column: `NATIONAL`, `COUNTERPART`,
 * `AREA:<area token>` or `ORGANISATION:<organisation id>`.
 */
export function decodeScope(code: string): FlowScope {
  if (code === "COUNTERPART") return { kind: "COUNTERPART" };
  if (code.startsWith("AREA:")) return { kind: "AREA", area: code.slice("AREA:".length) };
  if (code.startsWith("ORGANISATION:")) return { kind: "ORGANISATION", organisation: code.slice("ORGANISATION:".length) };
  return { kind: "NATIONAL" };
}
