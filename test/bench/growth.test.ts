import { growthExponent } from "../../bench/growth";

describe("the growth table's fitted exponent", () => {
  it("is the slope of log(cost) against log(flows)", () => {
    const flows = [28_000, 160_000, 623_000, 1_560_000];
    expect(growthExponent(flows.map((x) => ({ x, y: 3 * x })))).toBeCloseTo(1, 10);
    expect(growthExponent(flows.map((x) => ({ x, y: 0.01 * x ** 1.3 })))).toBeCloseTo(1.3, 10);
    expect(growthExponent(flows.map((x) => ({ x, y: 42 })))).toBeCloseTo(0, 10);
    // Not enough measured points (a cost missing at some sizes) gives none, not a guess.
    expect(growthExponent([{ x: 10, y: 5 }, { x: 20, y: 0 }])).toBeNull();
  });
});
