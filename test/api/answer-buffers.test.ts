import { AnswerBuffers } from "../../server/lean/answer-buffers";

describe("the lean answers' buffers", () => {
  it("gives exactly the length asked for, and its memory again once given back", () => {
    const buffers = new AnswerBuffers();
    const first = buffers.take(62_000);
    expect(first.length).toBe(62_000);
    expect(first.buffer.byteLength).toBe(65_536);
    buffers.give(first);
    expect(buffers.held).toBe(65_536);
    const second = buffers.take(40_000);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(40_000);
    expect(buffers.held).toBe(0);
  });

  it("never hands one block out twice, however often it is given back", () => {
    const buffers = new AnswerBuffers();
    const answer = buffers.take(5_000);
    buffers.give(answer);
    buffers.give(answer);
    const a = buffers.take(5_000);
    const b = buffers.take(5_000);
    expect(a.buffer).not.toBe(b.buffer);
  });

  it("takes back only its own blocks, and keeps no more than its bound", () => {
    const buffers = new AnswerBuffers(1 << 20, 100_000);
    buffers.give(Buffer.alloc(8192));
    buffers.give(Buffer.from("small"));
    expect(buffers.held).toBe(0);
    const blocks = [buffers.take(60_000), buffers.take(60_000)];
    for (const block of blocks) buffers.give(block);
    expect(buffers.held).toBe(65_536);
  });

  it("does not keep answers larger than its largest class", () => {
    const buffers = new AnswerBuffers(1 << 20);
    const large = buffers.take(3_000_000);
    expect(large.length).toBe(3_000_000);
    buffers.give(large);
    expect(buffers.held).toBe(0);
  });
});
