import { processorControllers, withProcessorsBesideControllers } from "../../client/src/graph/processors";
import { toElements } from "../../client/src/graph/to-elements";
import { flow, org } from "./fixtures";

/** A school with an MIS (its processor), a host the MIS uses for it, and a supplier that is also a recipient in its own right. */
const organisations = [org("school-a", "SCHOOL"), org("mis", "COMMERCIAL"), org("host", "COMMERCIAL"), org("app", "COMMERCIAL"), org("la-a", "LOCAL_AUTHORITY")];
const flows = [
  flow("school-to-mis", "school-a", "mis", ["pupil-information"], { recipientRole: "PROCESSOR", actsFor: { id: "school-a" } }),
  flow("mis-to-host", "mis", "host", ["pupil-information"], { recipientRole: "SUB_PROCESSOR", actsFor: { id: "school-a" } }),
  flow("school-to-app", "school-a", "app", ["pupil-name"], { recipientRole: "PROCESSOR", actsFor: { id: "school-a" } }),
  flow("la-to-app", "la-a", "app", ["pupil-name"]),
  flow("school-to-la", "school-a", "la-a", ["pupil-information"]),
];

describe("processors on the map", () => {
  it("draws an organisation as acting for another only when every flow into it is a processor flow for that one", () => {
    expect([...processorControllers(organisations, flows)].sort()).toEqual([
      ["host", "school-a"],
      ["mis", "school-a"],
    ]);
  });

  it("is not a processor of a controller not drawn", () => {
    expect(processorControllers(organisations.filter((o) => o.id !== "school-a"), flows).size).toBe(0);
  });

  it("puts processors in their controller's column, and labels them with whom they act for", () => {
    const rank = new Map([["school-a", 0], ["mis", 1], ["host", 2], ["app", 1], ["la-a", 1]]);
    const processors = processorControllers(organisations, flows);
    const moved = withProcessorsBesideControllers(rank, processors);
    expect(Object.fromEntries(moved)).toEqual({ "school-a": 0, mis: 0, host: 0, app: 1, "la-a": 1 });
    const nodes = toElements({ organisations, flows, fieldLabels: new Map(), rank: moved, processors }).filter((e) => e.group === "nodes");
    const mis = nodes.find((n) => n.data.id === "mis")!.data as { label: string; actsFor?: string };
    expect(mis).toMatchObject({ actsFor: "school-a", label: "Mis\n(processor for School A)" });
    expect((nodes.find((n) => n.data.id === "app")!.data as { actsFor?: string }).actsFor).toBeUndefined();
  });
});
