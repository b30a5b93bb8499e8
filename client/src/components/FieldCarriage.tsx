import type { FlowDetail } from "../api/types";
import { inSentence } from "../graph/field-labels";
import type { FieldFamily } from "../text/sentences";

type Verdict = "named" | "optional" | "possible" | "umbrella" | "not";

/**
 * Whether a flow carries the field: by name (or a narrower field), named but marked optional or
 * only possibly included by the notice, only inside an umbrella heading, or not at all. The
 * surest mention decides.
 */
export function carriage(flow: Pick<FlowDetail, "fields">, family: FieldFamily): { verdict: Verdict; via: string[] } {
  const named = flow.fields.filter(({ field }) => field.id === family.id || family.narrower.has(field.id));
  const via = (list: typeof named) => list.map(({ field }) => field.label);
  const included = named.filter((f) => f.inclusion === "INCLUDED");
  if (included.length > 0) return { verdict: "named", via: via(included) };
  const optional = named.filter((f) => f.inclusion === "OPTIONAL");
  if (optional.length > 0) return { verdict: "optional", via: via(optional) };
  if (named.length > 0) return { verdict: "possible", via: via(named) };
  const umbrellas = flow.fields.filter(({ field }) => family.broader.has(field.id));
  if (umbrellas.length > 0) return { verdict: "umbrella", via: umbrellas.map(({ field }) => field.label) };
  return { verdict: "not", via: [] };
}

const VERDICT_WORDS: Record<Verdict, string> = { named: "Yes", optional: "Optional", possible: "Possibly", umbrella: "Possibly", not: "No" };

const noticeOf = (flow: FlowDetail) => flow.citations[0]?.notice.title ?? flow.id;

/**
 * With a field chosen: which of an arrow's flows carry it and which do not, one line per
 * verdict and wording, so flows that say the same thing are listed once.
 */
export function FieldCarriage({ flows, family }: { flows: readonly FlowDetail[]; family: FieldFamily }) {
  const name = inSentence(family.label);
  const lines = new Map<string, { verdict: Verdict; via: string[]; notices: Set<string>; count: number }>();
  for (const flow of flows) {
    const { verdict, via } = carriage(flow, family);
    const key = `${verdict}|${via.join("|")}`;
    const line = lines.get(key) ?? { verdict, via, notices: new Set<string>(), count: 0 };
    line.notices.add(noticeOf(flow));
    line.count += 1;
    lines.set(key, line);
  }
  const order: Verdict[] = ["named", "optional", "possible", "umbrella", "not"];
  const as = (via: string[]) => (via.length === 1 && via[0] === family.label ? "" : ` (as ${via.join(", ")})`);
  const say = (line: { verdict: Verdict; via: string[]; count: number }) => {
    const one = line.count === 1;
    const subject = one ? "1 flow" : `${line.count} flows`;
    if (line.verdict === "named") return `${subject} ${one ? "carries" : "carry"} ${name}${as(line.via)}`;
    if (line.verdict === "optional") return `${subject} ${one ? "carries" : "carry"} ${name}${as(line.via)} if the sender includes it: the notice says it is optional`;
    if (line.verdict === "possible") return `${subject} may carry ${name}${as(line.via)}: the notice says only some of the data passes, not which`;
    if (line.verdict === "umbrella") return `${subject} may carry ${name}, inside “${line.via.join("”, “")}”`;
    return `${subject} ${one ? "does" : "do"} not carry ${name}`;
  };
  return (
    <section className="field-carriage" aria-labelledby="field-carriage-title" data-testid="field-carriage">
      <h3 id="field-carriage-title">{family.label} on this arrow</h3>
      <ul>
        {[...lines.entries()]
          .sort((a, b) => order.indexOf(a[1].verdict) - order.indexOf(b[1].verdict))
          .map(([key, line]) => (
            <li key={key} className={`carriage-${line.verdict}`}>
              <strong>{VERDICT_WORDS[line.verdict]}:</strong> {say(line)}{" "}
              <small>({[...line.notices].join("; ")})</small>
            </li>
          ))}
      </ul>
    </section>
  );
}
