import { ALL_GROUPS, groupHighlight, groupId, groupOrganisations } from "../../client/src/graph/grouping";
import { toElements, type FlowEdgeData, type OrganisationNodeData } from "../../client/src/graph/to-elements";
import { flow, org } from "./fixtures";

// A focus sending to six health bodies, two LAs and (one hop on) one researcher.
const focus = org("school-a", "SCHOOL");
const health = Array.from({ length: 6 }, (_, i) => org(`health-${i + 1}`, "HEALTH"));
const las = [org("la-a", "LOCAL_AUTHORITY"), org("la-b", "LOCAL_AUTHORITY")];
const researcher = org("researcher", "RESEARCH");
const organisations = [focus, ...health, ...las, researcher];
const rank = new Map<string, number>([[focus.id, 0], ...health.map((o) => [o.id, 1] as [string, number]), ["la-a", 1], ["la-b", 1], ["researcher", 2]]);
const flows = [
  ...health.map((o, i) => flow(`h${i}`, focus.id, o.id, ["ethnicity"])),
  flow("l1", focus.id, "la-a", ["ethnicity"]),
  flow("l2", focus.id, "la-b", ["gender"], { level: "AGGREGATE" }),
  flow("r1", "health-1", "researcher", ["ethnicity"]),
];
const HEALTH_GROUP = groupId(1, "HEALTH");

describe("groupOrganisations", () => {
  it("groups more than four leaves of one kind in one column, and leaves smaller sets alone", () => {
    const { groups, nodeOf } = groupOrganisations(organisations, rank, [], new Set([focus.id]));
    expect(groups.map((g) => [g.id, g.members.length, g.collapsed])).toEqual([[HEALTH_GROUP, 6, true]]);
    expect(nodeOf.get("health-3")).toBe(HEALTH_GROUP);
    expect(nodeOf.get("la-a")).toBe("la-a");
  });

  it("keeps an organisation it is told to keep (the focus, the selected one, one that passes data on) out of the group", () => {
    const { groups, nodeOf } = groupOrganisations(organisations, rank, [], new Set([focus.id, "health-1", "health-2"]));
    expect(groups).toEqual([]);
    expect(nodeOf.get("health-3")).toBe("health-3");
  });

  it("opens a group named in `open`, or every group for ALL_GROUPS", () => {
    expect(groupOrganisations(organisations, rank, [HEALTH_GROUP], new Set()).groups[0].collapsed).toBe(false);
    expect(groupOrganisations(organisations, rank, [ALL_GROUPS], new Set()).nodeOf.get("health-4")).toBe("health-4");
  });
});

describe("toElements with groups", () => {
  const grouping = groupOrganisations(organisations, rank, [], new Set([focus.id, "health-1"]));
  const elements = toElements({ organisations, flows, fieldLabels: new Map(), rank, nodeOf: grouping.nodeOf, groups: grouping.groups, beyond: { count: 3, hops: 2 } });
  const nodes = elements.filter((e) => e.group === "nodes").map((e) => e.data as OrganisationNodeData);
  const edges = elements.filter((e) => e.group === "edges").map((e) => e.data as FlowEdgeData);

  it("draws a collapsed group as one node that says how many of what it holds", () => {
    const group = nodes.find((n) => n.id === HEALTH_GROUP)!;
    expect(group).toMatchObject({ members: 5, rank: 1, kind: "HEALTH", name: "5 health bodies" });
    expect(group.label).toBe("5 health bodies\n(click to list)");
    expect(group.title).toContain("Health 2; Health 3");
    expect(nodes.some((n) => n.id === "health-3")).toBe(false);
  });

  it("merges the arrows into a group into one", () => {
    const into = edges.filter((e) => e.target === HEALTH_GROUP);
    expect(into.map((e) => [e.id, e.flowIds.length])).toEqual([[`school-a->${HEALTH_GROUP}:individual:stated`, 5]]);
    expect(edges.find((e) => e.target === "health-1")).toBeDefined();
  });

  it("draws a note for what the hop limit cut off, in the column after the last", () => {
    const more = nodes.find((n) => n.more)!;
    expect(more).toMatchObject({ rank: 3, label: "3 more organisations beyond 2 hops\n(click for one more hop)" });
  });
});

describe("groupHighlight", () => {
  it("lights a group when any member is reached, and marks it possible only when no member is reached for sure", () => {
    const nodeOf = new Map([["a", "g1"], ["b", "g1"], ["c", "g2"]]);
    const lit = groupHighlight({ focus: "f", reached: ["a", "x"], possible: ["b", "c"], chainEdges: [] }, nodeOf);
    expect(lit.reached).toEqual(["g1", "x"]);
    expect(lit.possible).toEqual(["g2"]);
  });
});
