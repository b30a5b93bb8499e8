import { groupLabel, type OrganisationGroup } from "../graph/grouping";

export interface GroupsBarProps {
  groups: readonly OrganisationGroup[];
  /** organisations drawn, grouped or not */
  organisations: number;
  /** nodes on the map (a collapsed group is one) */
  drawnNodes: number;
  onToggle: (id: string) => void;
  onOpenAll: () => void;
  onCloseAll: () => void;
  openAll: boolean;
  /** whether the list of chains was cut by its `first` limit */
  chainsCut: boolean;
  /** organisations one hop beyond the hop limit (none when it cut nothing off), and the limit */
  beyond?: { count: number; hops: number };
  /** draws one more hop */
  onMore?: () => void;
}

/** More groups than this are listed as text, their buttons folded away. */
const MANY = 4;

/**
 * Says what the map hides: "N of M organisations shown on their own", each group with a button
 * to open or close it (the keyboard's way to what clicking a group node does).
 */
export function GroupsBar({ groups, organisations, drawnNodes, onToggle, onOpenAll, onCloseAll, openAll, chainsCut, beyond, onMore }: GroupsBarProps) {
  const collapsed = groups.filter((g) => g.collapsed);
  const alone = organisations - collapsed.reduce((sum, g) => sum + g.members.length, 0);
  const cut = beyond && beyond.count > 0 ? beyond : null;
  if (groups.length === 0 && !chainsCut && !cut) return null;
  const groupButtons = groups.map((group) => (
    <button key={group.id} type="button" className="group-toggle" aria-expanded={!group.collapsed} onClick={() => onToggle(group.id)}>
      {group.collapsed ? `Show the ${groupLabel(group)}` : `Group the ${groupLabel(group)} again`}
    </button>
  ));
  return (
    <div className="groups-bar" data-testid="groups-bar" data-drawn-nodes={drawnNodes}>
      {groups.length > 0 && (
        <p>
          <strong>
            {alone} of {organisations} organisations shown on their own
          </strong>
          {collapsed.length > 0 ? "; the rest are grouped by kind: " : ". Groups: "}
          {groups.length <= MANY ? (
            groupButtons
          ) : (
            <>
              {collapsed.map((g) => groupLabel(g)).join(", ")}{collapsed.length > 0 ? ". " : ""}
              <details className="group-list">
                <summary>Open or close one group ({groups.length})</summary>
                {groupButtons}
              </details>
            </>
          )}
          {collapsed.length > 1 && (
            <button type="button" className="group-toggle" onClick={onOpenAll}>
              Show all
            </button>
          )}
          {openAll && (
            <button type="button" className="group-toggle" onClick={onCloseAll}>
              Group all again
            </button>
          )}
        </p>
      )}
      {cut && (
        // The map's note says the same, but a wide map can leave it off screen, and a keyboard cannot click it.
        <p>
          <strong>
            {cut.count} more {cut.count === 1 ? "organisation" : "organisations"} beyond {cut.hops} {cut.hops === 1 ? "hop" : "hops"}
          </strong>
          , not drawn.{" "}
          {onMore && (
            <button type="button" className="group-toggle" onClick={onMore}>
              Draw the next hop
            </button>
          )}
        </p>
      )}
      {chainsCut && <p className="muted">Chains cut at 1,000: black arrows show each recipient's shortest chain, not every chain.</p>}
    </div>
  );
}
