/** Best level and certainty over an organisation's states, and the state to show as evidence. */
export interface BestStates {
  readonly levelRank: number;
  /** best (lowest) certainty rank, see certainty.ts */
  readonly certaintyRank: number;
  readonly evidence: number;
  readonly hops: number;
}

/** A table's arrays by organisation, lent to it by its search (see StateTable's constructor). */
export interface OrganisationIndex {
  readonly newestAt: Int32Array;
  readonly reachedInOrder: Int32Array;
}

/** Whether a state with context `a` admits every continuation one with context `b` does. */
export type ContextCovers = (a: number, b: number) => boolean;

/** States a table makes room for at first; it doubles when full. */
const INITIAL_CAPACITY = 1024;

/**
 * Parallel typed arrays of search states, indexed by state number, grown by doubling; the states
 * at one organisation form a linked list, newest first. Typed arrays rather than objects or
 * growable JS arrays because a national search creates tens of thousands of states and examines
 * hundreds of thousands of flows, and every push into seven JS arrays showed in its profile.
 * The arrays are replaced when the table grows: read them from the table, never keep one across
 * an `add`.
 */
export class StateTable {
  organisation = new Int32Array(INITIAL_CAPACITY);
  levelRank = new Int8Array(INITIAL_CAPACITY);
  /** certainty rank of each state (see certainty.ts): lower is surer */
  certaintyRank = new Int8Array(INITIAL_CAPACITY);
  /** state this one extends (toward the start), or -1 */
  previous = new Int32Array(INITIAL_CAPACITY);
  /** flow ordinal of the hop that led here, or -1 */
  flow = new Int32Array(INITIAL_CAPACITY);
  hops = new Int32Array(INITIAL_CAPACITY);
  /** scope context (see scopes.ts); 0 throughout when the register has no roles */
  context = new Int32Array(INITIAL_CAPACITY);
  /** next (older) state at the same organisation, or -1 */
  private older = new Int32Array(INITIAL_CAPACITY);
  /** how many states there are: states are numbered 0..size-1 in the order added */
  size = 0;
  /** newest state at each organisation, or -1 */
  private readonly newestAt: Int32Array;
  /** organisations with a state, in the order first reached */
  private readonly reachedInOrder: Int32Array;
  private reachedCount = 0;
  /** set by `detachIndex`: the arrays by organisation are someone else's now */
  private detached = false;
  /** the best level and certainty `bestInto` found last (a search reads a few hundred: no object each) */
  bestLevelRank = 0;
  bestCertaintyRank = 0;

  constructor(
    organisationCount: number,
    private readonly covers: ContextCovers | null = null,
    /**
     * Arrays by organisation to use rather than make (newestAt all -1; see `detachIndex`). A
     * national search made 230 KB of them per question, outside V8's heap: so much per answer
     * that V8 ran a full collection for it every 300 ms under load.
     */
    index: OrganisationIndex | null = null,
  ) {
    this.newestAt = index?.newestAt ?? new Int32Array(organisationCount).fill(-1);
    this.reachedInOrder = index?.reachedInOrder ?? new Int32Array(organisationCount);
  }

  /**
   * Sets the arrays by organisation back as they were given (newestAt all -1) and stops using
   * them: the states themselves (what evidence chains read) stay. After this the table only
   * answers about states; `add`, `isDominated`, `best` and `organisationsReached` throw.
   */
  detachIndex(): void {
    this.checkAttached();
    for (let i = 0; i < this.reachedCount; i++) this.newestAt[this.reachedInOrder[i]] = -1;
    this.detached = true;
  }

  private checkAttached(): void {
    if (this.detached) throw new Error("the search's table no longer has its organisations' index");
  }

  /** Records a state and returns its number. */
  add(organisation: number, levelRank: number, certaintyRank: number, previous: number, flow: number, hops: number, context = 0): number {
    if (this.detached) this.checkAttached();
    if (this.size === this.organisation.length) this.grow();
    const state = this.size++;
    this.context[state] = context;
    this.organisation[state] = organisation;
    this.levelRank[state] = levelRank;
    this.certaintyRank[state] = certaintyRank;
    this.previous[state] = previous;
    this.flow[state] = flow;
    this.hops[state] = hops;
    const newest = this.newestAt[organisation];
    if (newest === -1) this.reachedInOrder[this.reachedCount++] = organisation;
    this.older[state] = newest;
    this.newestAt[organisation] = state;
    return state;
  }

  /**
   * Whether a state at `organisation` at least as identifying and as certain exists, whose
   * context admits every continuation `context` does.
   */
  isDominated(organisation: number, levelRank: number, certaintyRank: number, context = 0): boolean {
    if (this.detached) this.checkAttached();
    const covers = this.covers;
    for (let s = this.newestAt[organisation]; s !== -1; s = this.older[s]) {
      if (this.levelRank[s] <= levelRank && this.certaintyRank[s] <= certaintyRank && (covers === null || covers(this.context[s], context))) return true;
    }
    return false;
  }

  /** Organisations with at least one state, in the order first reached. */
  organisationsReached(): Int32Array {
    if (this.detached) this.checkAttached();
    return this.reachedInOrder.subarray(0, this.reachedCount);
  }

  /**
   * Best level and certainty over the states at `organisation` that `admits` accepts (all by
   * default), or null when it accepts none; as evidence, among the shortest of them the most
   * identifying, then the most certain, then the first found. A shortest state is necessarily a
   * simple path: a loop cut out of it would reach the organisation in fewer hops (and cutting
   * a loop only drops scoped hops, so it is admitted whenever the whole walk is).
   */
  best(organisation: number, admits: ((state: number) => boolean) | null = null): BestStates | null {
    const evidence = this.bestInto(organisation, admits);
    return evidence === -1 ? null : { levelRank: this.bestLevelRank, certaintyRank: this.bestCertaintyRank, evidence, hops: this.hops[evidence] };
  }

  /** `best` without an object: the level and certainty go in `bestLevelRank` and `bestCertaintyRank`; returns the evidence state, or -1. */
  bestInto(organisation: number, admits: ((state: number) => boolean) | null): number {
    if (this.detached) this.checkAttached();
    let evidence = -1;
    let levelRank = 0;
    let certaintyRank = 0;
    for (let s = this.newestAt[organisation]; s !== -1; s = this.older[s]) {
      if (admits !== null && !admits(s)) continue;
      if (evidence === -1) {
        evidence = s;
        levelRank = this.levelRank[s];
        certaintyRank = this.certaintyRank[s];
        continue;
      }
      levelRank = Math.min(levelRank, this.levelRank[s]);
      certaintyRank = Math.min(certaintyRank, this.certaintyRank[s]);
      if (this.hops[s] < this.hops[evidence] || (this.hops[s] === this.hops[evidence] && this.isBetterEvidence(s, evidence))) evidence = s;
    }
    this.bestLevelRank = levelRank;
    this.bestCertaintyRank = certaintyRank;
    return evidence;
  }

  private isBetterEvidence(candidate: number, current: number): boolean {
    if (this.levelRank[candidate] !== this.levelRank[current]) {
      return this.levelRank[candidate] < this.levelRank[current];
    }
    if (this.certaintyRank[candidate] !== this.certaintyRank[current]) return this.certaintyRank[candidate] < this.certaintyRank[current];
    return candidate < current;
  }

  private grow(): void {
    const capacity = this.organisation.length * 2;
    const grown = <T extends Int32Array | Int8Array>(array: T): T => {
      const bigger = new (array.constructor as new (length: number) => T)(capacity);
      bigger.set(array);
      return bigger;
    };
    this.organisation = grown(this.organisation);
    this.levelRank = grown(this.levelRank);
    this.certaintyRank = grown(this.certaintyRank);
    this.previous = grown(this.previous);
    this.flow = grown(this.flow);
    this.hops = grown(this.hops);
    this.context = grown(this.context);
    this.older = grown(this.older);
  }
}
