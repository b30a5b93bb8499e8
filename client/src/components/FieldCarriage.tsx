import type { FlowDetail } from "../api/types";
import { inSentence } from "../graph/field-labels";
import type { FieldFamily } from "../text/sentences";

type Verdict = "named" | "umbrella" | "not";

/** Whether a flow carries the field: by name (or a narrower field), only inside an umbrella heading, or not at all. */
export function carriage(flow: Pick<FlowDetail, "fields">, family: FieldFamily): { verdict: Verdict; via: string[] } {
  const named = flow.fields.filter(({ field }) => field.id === family.id || family.narrower.has(field.id));
  if (named.length > 0) return { verdict: "named", via: named.map(({ field }) => field.label) };
  const umbrellas = flow.fields.filter(({ field }) => family.broader.has(field.id));
  if (umbrellas.length > 0) return { verdict: "umbrella", via: umbrellas.map(({ field }) => field.label) };
  return { verdict: "not", via: [] };
}

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
  const order: Verdict[] = ["named", "umbrella", "not"];
  const say = (line: { verdict: Verdict; via: string[]; count: number }) => {
    const one = line.count === 1;
    const subject = one ? "1 flow" : `${line.count} flows`;
    if (line.verdict === "named") {
      const as = line.via.length === 1 && line.via[0] === family.label ? "" : ` (as ${line.via.join(", ")})`;
      return `${subject} ${one ? "carries" : "carry"} ${name}${as}`;
    }
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
              <strong>{line.verdict === "named" ? "Yes" : line.verdict === "umbrella" ? "Possibly" : "No"}:</strong> {say(line)}{" "}
              <small>({[...line.notices].join("; ")})</small>
            </li>
          ))}
      </ul>
    </section>
  );
}
