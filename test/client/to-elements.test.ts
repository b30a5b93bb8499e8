import { edgeEnds, edgeIdFor, toElements, type FlowEdgeData, type OrganisationNodeData } from "../../client/src/graph/to-elements";
import { FIELD_LABELS, FLOWS, flow, org, ORGANISATIONS } from "./fixtures";

const rank = new Map([
  ["school-a", 0],
  ["la-a", 1],
  ["dfe", 2],
  ["npd", 3],
  ["researcher", 4],
  ["careers", 1],
]);

function build(flows = FLOWS, organisations = ORGANISATIONS) {
  const elements = toElements({ organisations, flows, fieldLabels: FIELD_LABELS, rank });
  const nodes = elements.filter((e) => e.group === "nodes").map((e) => e.data as OrganisationNodeData);
  const edges = elements.filter((e) => e.group === "edges").map((e) => e.data as FlowEdgeData);
  return { elements, nodes, edges };
}

describe("toElements", () => {
  it("makes one node per organisation with its kind and rank", () => {
    const { nodes } = build();
    expect(nodes.map((n) => n.id)).toEqual(ORGANISATIONS.map((o) => o.id));
    expect(nodes.find((n) => n.id === "dfe")).toMatchObject({ kind: "GOVERNMENT_DEPARTMENT", rank: 2, label: "Dfe" });
  });

  it("draws flows with the same ends, level and basis as one arrow naming all their fields", () => {
    const { edges } = build();
    const schoolToLa = edges.filter((e) => e.source === "school-a" && e.target === "la-a");
    expect(schoolToLa).toHaveLength(1);
    expect(schoolToLa[0].flowIds).toEqual(["f1", "f2"]);
    expect(schoolToLa[0].fieldIds).toEqual(["ethnicity", "gender", "attendance"]);
    expect(schoolToLa[0].label).toBe("Ethnicity, Gender +1");
  });

  it("keeps flows at different levels on separate arrows", () => {
    const { edges } = build([flow("a", "la-a", "dfe", ["ethnicity"]), flow("b", "la-a", "dfe", ["gender"], { level: "AGGREGATE" })]);
    expect(edges.map((e) => e.id).sort()).toEqual(["la-a->dfe:aggregate:stated", "la-a->dfe:individual:stated"]);
  });

  it("marks an inferred arrow's label", () => {
    const { edges } = build();
    expect(edges.find((e) => e.flowIds.includes("f4"))!.label).toBe("Ethnicity, Gender +2 (inferred)");
  });

  it("records how many columns an arrow spans, so arrows going back can be drawn apart", () => {
    const { edges } = build();
    expect(edges.find((e) => e.flowIds.includes("f3"))!.span).toBe(1);
    expect(edges.find((e) => e.flowIds.includes("f7"))!.span).toBe(-1);
  });

  it("leaves out flows whose ends are not drawn", () => {
    const { edges } = build(FLOWS, ORGANISATIONS.filter((o) => o.id !== "npd"));
    expect(edges.some((e) => e.source === "npd" || e.target === "npd")).toBe(false);
  });

  it("draws the seed's longest names in full and clips only absurd ones", () => {
    const long = { ...org("x", "OTHER"), name: "Health care professionals providing urgent and unscheduled care (such as A&E)" };
    expect(build([], [long]).nodes[0].label).toBe(long.name);
    const absurd = { ...org("y", "OTHER"), name: "A".repeat(200) };
    const { nodes } = build([], [absurd]);
    expect(nodes[0].label.length).toBeLessThanOrEqual(140);
    expect(nodes[0].label.endsWith("…")).toBe(true);
    expect(nodes[0].name).toBe(absurd.name);
  });

  it("is pure: the same input gives the same elements", () => {
    expect(build().elements).toEqual(build().elements);
  });

  it("reads an arrow id back into its ends", () => {
    const id = edgeIdFor(FLOWS[0]);
    expect(id).toBe("school-a->la-a:individual:stated");
    expect(edgeEnds(id)).toEqual({ from: "school-a", to: "la-a" });
    expect(edgeEnds("school-a")).toBeNull();
  });
});
