import { describeMachine, referenceWorkMs } from "../../bench/machine";

describe("the bench's machine line", () => {
  it("times the reference work and names the CPUs and the load", () => {
    const ms = referenceWorkMs();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
    expect(describeMachine()).toMatch(/^\d+ CPUs \(.+\), reference work \d+ ms \(bench\/machine\.ts: lower is faster\), load average \d+\.\d\d \d+\.\d\d \d+\.\d\d$/);
  });
});
