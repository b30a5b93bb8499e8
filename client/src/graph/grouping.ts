import type { OrganisationKind, OrganisationSummary } from "../api/types";
import type { Highlight } from "./highlight";
import { KIND_VISUALS } from "./visuals";

/**
 * More organisations than this of one kind in one column are drawn as one group node
 * ("7 health bodies") until the reader opens it. DataHub collapses siblings above 4.
 */
export const GROUP_ABOVE = 4;

/** Every group of the drawing, open or not. */
export const ALL_GROUPS = "all";

/** Organisations of one kind in one column, drawn as one node while collapsed. */
export interface OrganisationGroup {
  id: string;
  kind: OrganisationKind;
  rank: number;
  /** sorted by name */
  members: OrganisationSummary[];
  collapsed: boolean;
}

export interface Grouping {
  /** The node each organisation is drawn on: its own, or its collapsed group's. */
  nodeOf: Map<string, string>;
  groups: OrganisationGroup[];
}

/** A group's node id: "~" never occurs in an organisation id (ids are slugs). */
export function groupId(rank: number, kind: OrganisationKind): string {
  return `group~${rank}~${kind.toLowerCase()}`;
}

export function isGroupId(id: string): boolean {
  return id.startsWith("group~");
}

/** "7 health bodies" */
export function groupLabel(group: Pick<OrganisationGroup, "kind" | "members">): string {
  return `${group.members.length} ${KIND_VISUALS[group.kind].plural}`;
}

/**
 * Decides which organisations share a group node: in each column (rank), the organisations of a
 * kind with more than `above` members form a group, collapsed unless its id is in `open` (or
 * `open` is ALL_GROUPS). Only leaves are grouped: an organisation in `keep` (the focus, the
 * selected one, and any that passes data on, since chains run through it) is always drawn on its
 * own. Pure, so the map and its tests agree on what is hidden.
 */
export function groupOrganisations(
  organisations: readonly OrganisationSummary[],
  rank: ReadonlyMap<string, number>,
  open: readonly string[],
  keep: ReadonlySet<string>,
  above = GROUP_ABOVE,
): Grouping {
  const cells = new Map<string, OrganisationSummary[]>();
  for (const organisation of organisations) {
    if (keep.has(organisation.id)) continue;
    const id = groupId(rank.get(organisation.id) ?? 0, organisation.kind);
    const cell = cells.get(id);
    if (cell) cell.push(organisation);
    else cells.set(id, [organisation]);
  }
  const openAll = open.includes(ALL_GROUPS);
  const nodeOf = new Map(organisations.map((o) => [o.id, o.id]));
  const groups: OrganisationGroup[] = [];
  for (const [id, members] of cells) {
    if (members.length <= above) continue;
    const collapsed = !openAll && !open.includes(id);
    const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name));
    groups.push({ id, kind: sorted[0].kind, rank: rank.get(sorted[0].id) ?? 0, members: sorted, collapsed });
    if (collapsed) for (const member of members) nodeOf.set(member.id, id);
  }
  groups.sort((a, b) => a.rank - b.rank || KIND_VISUALS[a.kind].label.localeCompare(KIND_VISUALS[b.kind].label));
  return { nodeOf, groups };
}

/**
 * The highlight on the drawn nodes: a group is reached when any member is, and only possibly
 * reached when its members are at best possibly reached.
 */
export function groupHighlight(highlight: Highlight, nodeOf: ReadonlyMap<string, string>): Highlight {
  const node = (id: string) => nodeOf.get(id) ?? id;
  const reached = new Set(highlight.reached.map(node));
  const possible = new Set(highlight.possible.map(node).filter((id) => !reached.has(id)));
  return { ...highlight, reached: [...reached].sort(), possible: [...possible].sort() };
}
