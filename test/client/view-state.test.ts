import { DEFAULT_VIEW, parseViewState, reachVariables, serializeViewState, todayIso, type ViewState } from "../../client/src/state/view-state";

describe("view state in the URL", () => {
  it("falls back to Stokes Wood Primary School, 2 hops, around the focus, as things stand today", () => {
    expect(parseViewState("")).toEqual(DEFAULT_VIEW);
    expect(DEFAULT_VIEW).toMatchObject({ org: "stokes-wood-primary-school", hops: 2, view: "focus", asOf: todayIso() });
  });

  it("shows every era at once only when the user chooses it, and says so in the URL", () => {
    expect(parseViewState("?asof=all").asOf).toBeNull();
    expect(serializeViewState({ ...DEFAULT_VIEW, asOf: null })).toContain("asof=all");
    expect(todayIso(new Date(2024, 0, 5))).toBe("2024-01-05");
  });

  it("reads the focus, field and every filter", () => {
    const state = parseViewState(
      "?org=dfe&field=ethnicity&hops=4&view=register&identifiable=1&stated=1&age=14&optouts=a,b&asof=2011-06-01&hide=POLICE,COMMERCIAL&sel=edge:la->dfe:individual:stated&open=group~2~health,nonsense,all&present=1&renderer=canvas",
    );
    expect(state).toEqual({
      org: "dfe",
      field: "ethnicity",
      hops: 4,
      view: "register",
      identifiableOnly: true,
      statedOnly: true,
      pupilAge: 14,
      optOuts: ["a", "b"],
      asOf: "2011-06-01",
      hiddenKinds: ["POLICE", "COMMERCIAL"],
      selected: { type: "edge", id: "la->dfe:individual:stated" },
      openGroups: ["group~2~health", "all"],
      presenting: true,
      renderer: "canvas",
    });
  });

  it("keeps the renderer asked for in the address, and only a known one", () => {
    expect(serializeViewState({ ...DEFAULT_VIEW, renderer: "canvas" })).toContain("&renderer=canvas");
    expect(serializeViewState(DEFAULT_VIEW)).not.toContain("renderer");
    expect(parseViewState("?renderer=webgpu").renderer).toBe("auto");
  });

  it("round-trips: writing a view and reading it back gives the same view", () => {
    const state: ViewState = {
      ...DEFAULT_VIEW,
      org: "leicester-city-council",
      field: "key-stage-2-results",
      hops: 3,
      statedOnly: true,
      pupilAge: 16,
      optOuts: ["z-opt", "a-opt"],
      asOf: "2019-06-01",
      hiddenKinds: ["RESEARCH"],
      selected: { type: "org", id: "dfe" },
    };
    const again = parseViewState(serializeViewState(state));
    expect(again).toEqual({ ...state, optOuts: ["a-opt", "z-opt"] });
  });

  it("always writes the focus, hops and view so a link keeps its meaning", () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe(`?org=stokes-wood-primary-school&hops=2&view=focus&asof=${todayIso()}`);
  });

  it("ignores malformed values instead of failing", () => {
    const state = parseViewState("?org=Not A Slug&hops=99&age=-3&asof=yesterday&hide=DRAGONS&sel=nonsense");
    expect(state).toEqual(DEFAULT_VIEW);
  });

  it("turns a view into the API's filter arguments", () => {
    expect(reachVariables({ ...DEFAULT_VIEW, field: "ethnicity", statedOnly: true, optOuts: [] })).toEqual({
      from: "stokes-wood-primary-school",
      field: "ethnicity",
      maxHops: 2,
      pupilAge: null,
      optOuts: null,
      asOf: todayIso(),
      basis: "STATED",
      identifiableOnly: false,
    });
    expect(reachVariables(DEFAULT_VIEW).basis).toBe("STATED_OR_INFERRED");
  });
});
