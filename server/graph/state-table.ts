/** Best level and certainty over an organisation's states, and the state to show as evidence. */
export interface BestStates {
  readonly levelRank: number;
  /** best (lowest) certainty rank, see certainty.ts */
  readonly certaintyRank: number;
  readonly evidence: number;
  readonly hops: number;
}

/** Whether a state with context `a` admits every continuation one with context `b` does. */
export type ContextCovers = (a: number, b: number) => boolean;

/**
 * Growable parallel arrays of search states, indexed by state number; the states at one
 * organisation form a linked list, newest first. Numbers in arrays rather than objects
 * because a search at national scale creates tens of thousands of states.
 */
export class StateTable {
  readonly organisation: number[] = [];
  readonly levelRank: number[] = [];
  /** certainty rank of each state (see certainty.ts): lower is surer */
  readonly certaintyRank: number[] = [];
  /** state this one extends (toward the start), or -1 */
  readonly previous: number[] = [];
  /** flow ordinal of the hop that led here, or -1 */
  readonly flow: number[] = [];
  readonly hops: number[] = [];
  /** scope context (see scopes.ts); 0 throughout when the register has no roles */
  readonly context: number[] = [];
  /** next (older) state at the same organisation, or -1 */
  private readonly older: number[] = [];
  /** newest state at each organisation, or -1 */
  private readonly newestAt: Int32Array;
  /** first state at each organisation (a shortest one, as states are added breadth-first) */
  private readonly firstAt: Int32Array;
  private readonly reachedInOrder: number[] = [];

  constructor(
    organisationCount: number,
    private readonly covers: ContextCovers | null = null,
  ) {
    this.newestAt = new Int32Array(organisationCount).fill(-1);
    this.firstAt = new Int32Array(organisationCount).fill(-1);
  }

  /** Records a state and returns its number. */
  add(organisation: number, levelRank: number, certaintyRank: number, previous: number, flow: number, hops: number, context = 0): number {
    const state = this.organisation.length;
    this.context.push(context);
    this.organisation.push(organisation);
    this.levelRank.push(levelRank);
    this.certaintyRank.push(certaintyRank);
    this.previous.push(previous);
    this.flow.push(flow);
    this.hops.push(hops);
    this.older.push(this.newestAt[organisation]);
    this.newestAt[organisation] = state;
    if (this.firstAt[organisation] === -1) {
      this.firstAt[organisation] = state;
      this.reachedInOrder.push(organisation);
    }
    return state;
  }

  /**
   * Whether a state at `organisation` at least as identifying and as certain exists, whose
   * context admits every continuation `context` does.
   */
  isDominated(organisation: number, levelRank: number, certaintyRank: number, context = 0): boolean {
    const covers = this.covers;
    for (let s = this.newestAt[organisation]; s !== -1; s = this.older[s]) {
      if (this.levelRank[s] <= levelRank && this.certaintyRank[s] <= certaintyRank && (covers === null || covers(this.context[s], context))) return true;
    }
    return false;
  }

  /** Organisations with at least one state, in the order first reached. */
  organisationsReached(): number[] {
    return this.reachedInOrder;
  }

  /**
   * Best level and certainty over the states at `organisation` that `admits` accepts (all by
   * default), or null when it accepts none; as evidence, among the shortest of them the most
   * identifying, then the most certain, then the first found. A shortest state is necessarily a
   * simple path: a loop cut out of it would reach the organisation in fewer hops (and cutting
   * a loop only drops scoped hops, so it is admitted whenever the whole walk is).
   */
  best(organisation: number, admits: ((state: number) => boolean) | null = null): BestStates | null {
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
    return evidence === -1 ? null : { levelRank, certaintyRank, evidence, hops: this.hops[evidence] };
  }

  private isBetterEvidence(candidate: number, current: number): boolean {
    if (this.levelRank[candidate] !== this.levelRank[current]) {
      return this.levelRank[candidate] < this.levelRank[current];
    }
    if (this.certaintyRank[candidate] !== this.certaintyRank[current]) return this.certaintyRank[candidate] < this.certaintyRank[current];
    return candidate < current;
  }
}
