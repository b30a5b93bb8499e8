import type { Organisation } from "../entities";
import type { ReachList } from "../graph";
import type { Certainty, Level } from "../graph/types";
import { serialiseLeaf, type LeafWrite, type ReachShape } from "./reach-shape";

/** Thrown inside the writer when graphql-js would have answered with an error: Apollo answers instead. */
class NotWritable extends Error {}

/** A leaf as JSON, as graphql-js would complete and JSON.stringify it. */
function leafJson(write: LeafWrite, value: unknown): string {
  if (write.type === null) return JSON.stringify(write.parent);
  const serialised = serialiseLeaf(write.type, value);
  if (serialised === undefined) throw new NotWritable(write.key);
  return JSON.stringify(serialised);
}

/** An organisation's part of an answer, `{"id":...,"name":...}`, for one organisation selection. */
function organisationJson(writes: readonly LeafWrite[], organisation: Organisation): string {
  let json = "{";
  for (let i = 0; i < writes.length; i++) {
    const write = writes[i];
    json += `${i === 0 ? "" : ","}${JSON.stringify(write.key)}:${leafJson(write, (organisation as unknown as Record<string, unknown>)[write.field])}`;
  }
  return `${json}}`;
}

/**
 * Organisations' parts by snapshot (its organisations map, replaced on every register change, so a
 * kept part is never stale) and selection: a national `sources` answer names 24,000 of them, the
 * same for every such question until the register changes.
 */
const partsBySnapshot = new WeakMap<ReadonlyMap<string, Organisation>, Map<string, Map<string, Buffer>>>();
/** Selections kept per snapshot: each holds a part per organisation named so far (a few MB for every one at national scale). */
const SELECTIONS_KEPT = 4;

function keptParts(organisations: ReadonlyMap<string, Organisation>, selection: string): Map<string, Buffer> {
  let bySelection = partsBySnapshot.get(organisations);
  if (!bySelection) partsBySnapshot.set(organisations, (bySelection = new Map()));
  let parts = bySelection.get(selection);
  if (!parts) {
    if (bySelection.size >= SELECTIONS_KEPT) bySelection.delete(bySelection.keys().next().value!);
    bySelection.set(selection, (parts = new Map()));
  }
  return parts;
}

const COMMA = Buffer.from(",");
/** Joints a shape's writer keeps (ShapeWriter.joint). */
const JOINTS_KEPT = 1024;

/**
 * What a shape's answers are made of, apart from organisations: the text before and after the
 * organisation's part for each kind of recipient (its hops, level and certainty), and the text
 * between two recipients by pair of kinds. Kept per shape (lean-reach.ts keeps the shapes it
 * has seen), so a script's thousandth question writes no JSON but organisations' first parts.
 */
class ShapeWriter {
  readonly head: Buffer;
  readonly tail = Buffer.from("]}}\n");
  /** index of the organisation's selection among the recipient's fields; -1 without one */
  private readonly at: number;
  readonly organisationWrites: readonly LeafWrite[] | null;
  /** each kind's text before the organisation's part, and after it (without one, all of it is "before") */
  readonly befores: Buffer[] = [];
  readonly afters: Buffer[] = [];
  private readonly kinds = new Map<number, Map<string, Map<string, number>>>();
  /** the text after a recipient of kind a, a comma and the text before one of kind b, at `joints[a][b]` */
  private readonly joints: (Buffer | undefined)[][] = [];
  private jointsKept = 0;

  constructor(private readonly shape: ReachShape) {
    this.head = Buffer.from(`{"data":{${JSON.stringify(shape.responseKey)}:[`);
    this.at = shape.recipient.findIndex((w) => "organisation" in w);
    this.organisationWrites = this.at === -1 ? null : (shape.recipient[this.at] as { organisation: LeafWrite[] }).organisation;
  }

  /** The kind of a recipient with these values; throws NotWritable when graphql-js would refuse one. */
  kindOf(hops: number, level: Level, certainty: Certainty): number {
    let byLevel = this.kinds.get(hops);
    if (!byLevel) this.kinds.set(hops, (byLevel = new Map()));
    let byCertainty = byLevel.get(level);
    if (!byCertainty) byLevel.set(level, (byCertainty = new Map()));
    const kind = byCertainty.get(certainty);
    if (kind !== undefined) return kind;
    // Kinds are few and bounded: hops up to MAX_HOPS (12), five levels, three certainties.
    const [before, after] = this.around(hops, level, certainty);
    byCertainty.set(certainty, this.befores.length);
    this.befores.push(before);
    this.afters.push(after);
    return this.befores.length - 1;
  }

  joint(a: number, b: number): Buffer {
    const row = (this.joints[a] ??= []);
    const kept = row[b];
    if (kept !== undefined) return kept;
    const joint = Buffer.concat([this.afters[a], COMMA, this.befores[b]]);
    // Answers run by hops, so few pairs occur (a few hundred at most); a bound all the same,
    // since shapes are kept by the hundred (lean-reach.ts).
    if (this.jointsKept < JOINTS_KEPT) {
      row[b] = joint;
      this.jointsKept++;
    }
    return joint;
  }

  private around(hops: number, level: Level, certainty: Certainty): [Buffer, Buffer] {
    const writes = this.shape.recipient;
    const texts: string[] = [];
    for (let w = 0; w < writes.length; w++) {
      const write = writes[w] as LeafWrite;
      const value = write.field === "hops" ? hops : write.field === "level" ? level : write.field === "certainty" ? certainty : null;
      texts.push(w === this.at ? "" : `${JSON.stringify(write.key)}:${leafJson(write, value)}`);
    }
    if (this.at === -1) return [Buffer.from(`{${texts.join(",")}}`), Buffer.alloc(0)];
    const before = texts.slice(0, this.at).map((text) => `${text},`).join("");
    const after = texts.slice(this.at + 1).map((text) => `,${text}`).join("");
    return [Buffer.from(`{${before}${JSON.stringify(writes[this.at].key)}:`), Buffer.from(`${after}}`)];
  }
}

const writers = new WeakMap<ReachShape, ShapeWriter>();

/**
 * The HTTP body Apollo would send for a `recipients` or `sources` answer of `shape` (graphql-js's
 * field order, values and JSON, and the newline Apollo ends it with), written from the search's
 * summaries without a GraphQL result tree or an object per organisation: each recipient is the
 * JSON before its organisation's part, that part (kept per snapshot, already in UTF-8), and the
 * JSON after it. The text around an organisation depends only on hops, level and certainty, a
 * few dozen combinations ("kinds"), and between two recipients the text after one, the comma and
 * the text before the next are one piece: both are kept per shape (ShapeWriter), so each
 * recipient costs two copies, its part and that joint. The pieces are copied into one buffer of
 * the answer's size: built as a string, a national answer left about 5 MB of rope and its
 * flattened copy on the heap per question, and 300 of them grew one process to 750 MB. Null when
 * graphql-js would have reported an error (an organisation the snapshot lacks, a null where the
 * schema promises a value): the caller then leaves the question to Apollo.
 */
export function writeReachAnswer(
  shape: ReachShape,
  reached: ReachList,
  organisations: ReadonlyMap<string, Organisation>,
  /** where the answer's bytes go (answer-buffers.ts keeps them for the next answer) */
  take: (length: number) => Buffer = Buffer.allocUnsafe,
): Buffer | null {
  let writer = writers.get(shape);
  if (!writer) writers.set(shape, (writer = new ShapeWriter(shape)));
  try {
    return writeWith(writer, shape, reached, organisations, take);
  } catch (error) {
    if (error instanceof NotWritable) return null;
    throw error;
  }
}

function writeWith(writer: ShapeWriter, shape: ReachShape, reached: ReachList, organisations: ReadonlyMap<string, Organisation>, take: (length: number) => Buffer): Buffer | null {
  const { befores, afters, organisationWrites } = writer;
  const parts = organisationWrites === null ? null : keptParts(organisations, shape.organisationSelection);
  // First each recipient's kind and part and the answer's length, then one copy into a buffer of that size.
  const kinds = new Array<number>(reached.length);
  const partOf = parts === null ? null : new Array<Buffer>(reached.length);
  let length = writer.head.length + writer.tail.length + Math.max(0, reached.length - 1);
  let kind = -1;
  let lastHops = -1;
  let lastLevel: Level | null = null;
  let lastCertainty: Certainty | null = null;
  for (let r = 0; r < reached.length; r++) {
    const hops = reached.hops(r);
    const level = reached.level(r);
    const certainty = reached.certainty(r);
    // Neighbours in an answer (by hops, then id) often share a kind: no lookup then.
    if (hops !== lastHops || level !== lastLevel || certainty !== lastCertainty) {
      kind = writer.kindOf(hops, level, certainty);
      lastHops = hops;
      lastLevel = level;
      lastCertainty = certainty;
    }
    kinds[r] = kind;
    length += befores[kind].length + afters[kind].length;
    if (parts !== null) {
      const id = reached.organisation(r);
      let part = parts.get(id);
      if (part === undefined) {
        const organisation = organisations.get(id);
        if (!organisation) return null;
        part = Buffer.from(organisationJson(organisationWrites!, organisation));
        parts.set(id, part);
      }
      partOf![r] = part;
      length += part.length;
    }
  }
  const answer = take(length);
  answer.set(writer.head, 0);
  let offset = writer.head.length;
  const last = reached.length - 1;
  if (last >= 0) {
    answer.set(befores[kinds[0]], offset);
    offset += befores[kinds[0]].length;
  }
  for (let r = 0; r <= last; r++) {
    if (partOf !== null) {
      const part = partOf[r];
      answer.set(part, offset);
      offset += part.length;
    }
    const piece = r === last ? afters[kinds[r]] : writer.joint(kinds[r], kinds[r + 1]);
    answer.set(piece, offset);
    offset += piece.length;
  }
  answer.set(writer.tail, offset);
  return answer;
}
