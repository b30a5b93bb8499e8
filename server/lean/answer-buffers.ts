/**
 * Buffers that lean answers are written into, used again once an answer has been sent.
 *
 * Why: each answer's bytes live outside V8's heap (a 62 KB recipients answer, 1,500 a second),
 * and V8 counts such memory: when 64 MB more of it is held than at the last full collection, it
 * starts a full collection, whatever its heap holds. Freed only when the small object pointing
 * at them is collected, the answers piled up between young collections, and a national server
 * ran a full collection (50 ms of marking its 115 MB heap, on the thread that answers) every
 * 300 ms: recipients' p99 went from 19 to 46 ms. Answers written into buffers kept here cost no
 * new outside memory.
 */
export class AnswerBuffers {
  /** free memory by size class (a power of two, from MIN_CLASS_BYTES) */
  private readonly free = new Map<number, ArrayBuffer[]>();
  /** every block made here: only these are taken back */
  private readonly made = new WeakSet<ArrayBuffer>();
  private freeBytes = 0;

  constructor(
    /** answers larger than this are not pooled (national `sources` answers are a few MB, a few a second) */
    private readonly maxAnswerBytes = 1 << 20,
    /** the free blocks' total is kept under this */
    private readonly maxFreeBytes = 16 << 20,
  ) {}

  /** `length` bytes to write an answer into (old bytes: write all of them). */
  take(length: number): Buffer {
    if (length > this.maxAnswerBytes) return Buffer.allocUnsafe(length);
    const size = sizeClass(length);
    let block = this.free.get(size)?.pop();
    if (block) this.freeBytes -= size;
    else block = new ArrayBuffer(size);
    this.made.add(block);
    return Buffer.from(block, 0, length);
  }

  /**
   * Gives back what `take` gave, once nothing reads it any more (its answer sent, or not used).
   * Anything else, or beyond the bound, is left to the garbage collector.
   */
  give(answer: Buffer): void {
    const block = answer.buffer;
    if (!(block instanceof ArrayBuffer) || !this.made.has(block)) return;
    const size = block.byteLength;
    if (this.freeBytes + size > this.maxFreeBytes) return;
    // Taken back once only: a second give of the same answer must not hand it out twice.
    this.made.delete(block);
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(block);
    this.freeBytes += size;
  }

  /** Bytes held in free blocks (for tests). */
  get held(): number {
    return this.freeBytes;
  }
}

const MIN_CLASS_BYTES = 4096;

function sizeClass(length: number): number {
  let size = MIN_CLASS_BYTES;
  while (size < length) size *= 2;
  return size;
}
