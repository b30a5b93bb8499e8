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
  const lines = new Map<string, { verdict: Verdict; text: string; notices: Set<string>; count: number }>();
  for (const flow of flows) {
    const { verdict, via } = carriage(flow, family);
    const name = inSentence(family.label);
    const text =
      verdict === "named"
        ? `carries ${name}${via.length === 1 && via[0] === family.label ? "" : ` (as ${via.join(", ")})`}`
        : verdict === "umbrella"
          ? `may carry ${name}, inside “${via.join("”, “")}”`
          : `does not carry ${name}`;
    const line = lines.get(text) ?? { verdict, text, notices: new Set<string>(), count: 0 };
    line.notices.add(noticeOf(flow));
    line.count += 1;
    lines.set(text, line);
  }
  const order: Verdict[] = ["named", "umbrella", "not"];
  return (
    <section className="field-carriage" aria-label={`Which flows carry ${family.label}`} data-testid="field-carriage">
      <h3>{family.label} on this arrow</h3>
      <ul>
        {[...lines.values()]
          .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict))
          .map((line) => (
            <li key={line.text} className={`carriage-${line.verdict}`}>
              <strong>{line.verdict === "named" ? "Yes" : line.verdict === "umbrella" ? "Possibly" : "No"}:</strong>{" "}
              {line.count === 1 ? "1 flow" : `${line.count} flows`} {line.text} <small>({[...line.notices].join("; ")})</small>
            </li>
          ))}
      </ul>
    </section>
  );
}
