import { DEFAULT_FOCUS, DEFAULT_VIEW, NO_FOCUS, parseViewState, serializeViewState } from "../../client/src/state/view-state";

// A cleared focus (issue 8) lives in the URL as an empty `org`, so a link keeps it; a missing
// or malformed `org` is still the default focus.
describe("a view with no focus", () => {
  it("is written `org=` and read back unchanged", () => {
    const cleared = { ...DEFAULT_VIEW, org: NO_FOCUS, field: "ethnicity" };
    const search = serializeViewState(cleared);
    // The date is written too (today's, by default), so the link reproduces the same picture later.
    expect(search).toBe(`?org=&field=ethnicity&hops=2&view=focus&asof=${DEFAULT_VIEW.asOf}`);
    expect(parseViewState(search)).toEqual(cleared);
  });

  it("is not what a missing or malformed org means: those are the default focus", () => {
    expect(parseViewState("?hops=3").org).toBe(DEFAULT_FOCUS);
    expect(parseViewState("?org=Not%20A%20Slug").org).toBe(DEFAULT_FOCUS);
  });

  it("keeps an unknown but well-formed id, so the page can say the register lacks it", () => {
    expect(parseViewState("?org=no-such-school").org).toBe("no-such-school");
  });
});
