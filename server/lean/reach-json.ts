import type { Organisation } from "../entities";
import type { ReachSummary } from "../graph";
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

/** A recipient's JSON around its organisation's part (UTF-8): fixed by its hops, level and certainty. */
type Around = readonly [before: Buffer, after: Buffer];

const COMMA = 0x2c;

/**
 * The HTTP body Apollo would send for a `recipients` or `sources` answer of `shape` (graphql-js's
 * field order, values and JSON, and the newline Apollo ends it with), written from the search's
 * summaries without a GraphQL result tree or an object per organisation: each recipient is the
 * JSON before its organisation's part, that part (kept per snapshot, already in UTF-8), and the
 * JSON after it, and the text around an organisation depends only on hops, level and certainty,
 * a few dozen combinations, each written once. The pieces are copied into one buffer of the
 * answer's size: built as a string, a national answer left about 5 MB of rope and its flattened
 * copy on the heap per question, and 300 of them grew one process to 750 MB. Null when graphql-js
 * would have reported an error (an organisation the snapshot lacks, a null where the schema
 * promises a value): the caller then leaves the question to Apollo.
 */
export function writeReachAnswer(shape: ReachShape, reached: readonly ReachSummary[], organisations: ReadonlyMap<string, Organisation>): Buffer | null {
  const writes = shape.recipient;
  const at = writes.findIndex((w) => "organisation" in w);
  const organisationWrites = at === -1 ? null : (writes[at] as { organisation: LeafWrite[] }).organisation;
  const parts = organisationWrites === null ? null : keptParts(organisations, shape.organisationSelection);
  const leafText = (write: LeafWrite, reach: ReachSummary) =>
    `${JSON.stringify(write.key)}:${leafJson(write, write.field === "hops" ? reach.hops : write.field === "level" ? reach.level : write.field === "certainty" ? reach.certainty : null)}`;
  const aroundFor = (reach: ReachSummary): Around => {
    const texts = writes.map((write, w) => (w === at ? "" : leafText(write as LeafWrite, reach)));
    if (at === -1) return [Buffer.from(`{${texts.join(",")}}`), Buffer.alloc(0)];
    const before = texts.slice(0, at).map((text) => `${text},`).join("");
    const after = texts.slice(at + 1).map((text) => `,${text}`).join("");
    return [Buffer.from(`{${before}${JSON.stringify(writes[at].key)}:`), Buffer.from(`${after}}`)];
  };
  // By hops, then level, then certainty (the level and certainty strings are a handful of constants).
  const around = new Map<number, Map<string, Map<string, Around>>>();
  const head = Buffer.from(`{"data":{${JSON.stringify(shape.responseKey)}:[`);
  const tail = Buffer.from("]}}\n");
  // First each recipient's pieces and the answer's length, then one copy into a buffer of that size.
  const arounds = new Array<Around>(reached.length);
  const partOf = parts === null ? null : new Array<Buffer>(reached.length);
  let length = head.length + tail.length + Math.max(0, reached.length - 1);
  try {
    for (let r = 0; r < reached.length; r++) {
      const reach = reached[r];
      let byLevel = around.get(reach.hops);
      if (!byLevel) around.set(reach.hops, (byLevel = new Map()));
      let byCertainty = byLevel.get(reach.level);
      if (!byCertainty) byLevel.set(reach.level, (byCertainty = new Map()));
      let text = byCertainty.get(reach.certainty);
      if (!text) byCertainty.set(reach.certainty, (text = aroundFor(reach)));
      arounds[r] = text;
      length += text[0].length + text[1].length;
      if (parts !== null) {
        let part = parts.get(reach.organisation);
        if (part === undefined) {
          const organisation = organisations.get(reach.organisation);
          if (!organisation) return null;
          part = Buffer.from(organisationJson(organisationWrites!, organisation));
          parts.set(reach.organisation, part);
        }
        partOf![r] = part;
        length += part.length;
      }
    }
  } catch (error) {
    if (error instanceof NotWritable) return null;
    throw error;
  }
  const answer = Buffer.allocUnsafe(length);
  answer.set(head, 0);
  let offset = head.length;
  for (let r = 0; r < reached.length; r++) {
    if (r > 0) answer[offset++] = COMMA;
    const [before, after] = arounds[r];
    answer.set(before, offset);
    offset += before.length;
    if (partOf !== null) {
      const part = partOf[r];
      answer.set(part, offset);
      offset += part.length;
    }
    answer.set(after, offset);
    offset += after.length;
  }
  answer.set(tail, offset);
  return answer;
}
