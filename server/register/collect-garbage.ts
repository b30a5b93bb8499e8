import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection of this thread's heap, now.
 *
 * For an import worker once it has let go of most of its first pass: V8 sets the heap size at
 * which it next collects in full from what was live at the last full collection (up to four
 * times that on a machine with plenty of memory). The first worker's last one fell, by chance,
 * while it held the whole first pass (152 MB live at 60,000 schools, 1.5 million flow ids), so its
 * heap grew to 639 MB of garbage before the next, which left 63 MB: 250-400 MB more peak RSS than
 * in a run where the collection fell just after the ids were let go. Collecting at that point
 * makes the limit follow the second pass's live size whatever the timing; `HeapBudget` does, and
 * then keeps the heap within a fixed growth of it (one collection alone left 465 MB peaks).
 *
 * Node has no supported call for this without `--expose-gc`, which a worker's `execArgv` cannot
 * take; the flag is turned on just long enough to take V8's `gc` from a new context (its extension
 * collects the calling thread's heap), then off again so no other context gets a `gc`.
 */
let gc: (() => void) | null = null;

export function collectGarbage(): void {
  if (!gc) {
    const global = (globalThis as { gc?: () => void }).gc;
    if (global) gc = global;
    else {
      setFlagsFromString("--expose-gc");
      try {
        gc = runInNewContext("gc") as () => void;
      } finally {
        setFlagsFromString("--no-expose-gc");
      }
    }
  }
  gc();
}

/**
 * A bound on this thread's heap: at most `growth` bytes more than what was live at the last full
 * collection (plus what is made between two calls of `check`), whatever V8 would allow (about
 * four times that). Collects in full now, and again from `check` whenever the heap has grown past
 * it. A live set that grows (a large file) moves the bound with it, so there is at most one
 * collection per `growth` bytes made: the cost of the bound.
 */
export class HeapBudget {
  private limit: number;

  constructor(private readonly growth: number) {
    this.limit = this.collect();
  }

  /** Collects when the heap is past the bound (cheap otherwise: one read of V8's counters); true if it did. */
  check(): boolean {
    if (getHeapStatistics().used_heap_size < this.limit) return false;
    this.limit = this.collect();
    return true;
  }

  private collect(): number {
    collectGarbage();
    return getHeapStatistics().used_heap_size + this.growth;
  }
}
