import { loadable } from "../../client/src/components/loadable";

describe("a component in a chunk of its own", () => {
  it("is fetched once when it arrives, and asked for again after a failed fetch", async () => {
    let calls = 0;
    let fail = true;
    const chunk = loadable(async () => {
      calls++;
      if (fail) throw new Error("chunk failed");
      return "component";
    });
    await expect(chunk.preload()).rejects.toThrow("chunk failed");
    fail = false;
    await expect(chunk.preload()).resolves.toBe("component");
    await expect(chunk.preload()).resolves.toBe("component");
    expect(calls).toBe(2);
  });
});
