import type { CitationData, FlowDetail, Inclusion, KnowledgeBasis, OrganisationDetailData, RecipientRole } from "../api/types";
import { edgeIdFor } from "../graph/to-elements";
import type { Selection } from "../state/view-state";

/**
 * The parts of the details panels that say where the register's statements come from: quotes
 * (in the notice's words only when checked against its text), fields as the notice includes
 * them, the recipient's role, conflicting readings, names and predecessors with their basis, and
 * what an organisation holds.
 */

/** A citation: "in the notice's words" only for a quote checked against the stored text. */
export function Citations({ citations, compact = false }: { citations: CitationData[]; compact?: boolean }) {
  if (compact) {
    // Beside a name: one line per quote, marked the same way.
    return (
      <>
        {citations.map((c, i) => (
          <small key={i} className={c.verbatim ? "citation-inline" : "citation-inline paraphrase"}>
            {" "}
            {c.verbatim ? `“${c.quote}”` : `(paraphrase) ${c.quote}`} — {c.notice.title}
          </small>
        ))}
      </>
    );
  }
  return (
    <>
      {citations.map((citation, i) =>
        citation.verbatim ? (
          <figure key={i} className="citation">
            <blockquote>{citation.quote}</blockquote>
            <figcaption>
              — {citation.notice.title} <small>(in the notice's words)</small>
            </figcaption>
          </figure>
        ) : (
          <figure key={i} className="citation paraphrase">
            <p>
              <small>Paraphrase, not checked against the notice's text:</small> {citation.quote}
            </p>
            <figcaption>— {citation.notice.title}</figcaption>
          </figure>
        ),
      )}
    </>
  );
}

const INCLUSION_WORDS: Record<Inclusion, string | null> = {
  INCLUDED: null,
  OPTIONAL: "optional: the notice says the sender may leave it out",
  POSSIBLE: "possibly: the notice says only some of the data passes, not which",
};

export function FieldList({ fields }: { fields: FlowDetail["fields"] }) {
  return (
    <ul>
      {fields.map(({ field, inclusion }) => (
        <li key={field.id}>
          {field.label}
          {INCLUSION_WORDS[inclusion] && <em> ({INCLUSION_WORDS[inclusion]})</em>}
        </li>
      ))}
    </ul>
  );
}

const ROLE_WORDS: Record<RecipientRole, string> = {
  CONTROLLER: "Controller: decides for itself how it uses the data.",
  JOINT_CONTROLLER: "Joint controller with the sender.",
  PROCESSOR: "Processor: acts for the sender, not an independent recipient.",
  SUB_PROCESSOR: "Sub-processor: acts for a processor, on the controller's behalf.",
};

/** The recipient's role as the notice states it, or that it does not. */
export function RecipientRoleText({ flow }: { flow: FlowDetail }) {
  if (!flow.recipientRole) return <>Not stated in the notice.</>;
  const actsFor = flow.actsFor && (flow.recipientRole === "SUB_PROCESSOR" || flow.actsFor.id !== flow.from.id) ? ` Acts for ${flow.actsFor.name}.` : "";
  return (
    <>
      {ROLE_WORDS[flow.recipientRole]}
      {actsFor}
    </>
  );
}

/** Other flows that read the same passage differently, with why both are kept. */
export function Conflicts({ flow, onSelect }: { flow: FlowDetail; onSelect: (selection: Selection) => void }) {
  if (flow.conflicts.length === 0) return null;
  return (
    <div className="conflicts" role="note">
      <strong>Read two ways.</strong>
      {flow.conflicts.map((c) => (
        <p key={c.flow.id}>
          {c.note} The other reading:{" "}
          <button type="button" className="link" onClick={() => onSelect({ type: "edge", id: edgeIdFor(c.flow) })}>
            {c.flow.from.name} → {c.flow.to.name}
          </button>{" "}
          ({c.flow.basis.toLowerCase()}).
        </p>
      ))}
    </div>
  );
}

const BASIS_WORDS: Record<KnowledgeBasis, string> = { STATED: "a notice says so", OUTSIDE_KNOWLEDGE: "outside knowledge" };

type OrganisationData = NonNullable<OrganisationDetailData["organisation"]>;

/** Every other name with where it comes from. */
export function AliasList({ org }: { org: OrganisationData }) {
  if (org.aliasSources.length === 0) return <>No other names in the notices.</>;
  return (
    <ul className="alias-list">
      {org.aliasSources.map((a) => (
        <li key={a.name}>
          {a.name} <small>({BASIS_WORDS[a.basis]}{a.note ? `: ${a.note}` : ""})</small>
          {a.citations.length > 0 && <Citations citations={a.citations} compact />}
        </li>
      ))}
    </ul>
  );
}

export function PredecessorList({ org }: { org: OrganisationData }) {
  return (
    <ul>
      {org.predecessorSources.map((p) => (
        <li key={p.organisation.id}>
          {p.organisation.name} <small>({BASIS_WORDS[p.basis]}{p.note ? `: ${p.note}` : ""})</small>
          {p.citations.length > 0 && <Citations citations={p.citations} compact />}
        </li>
      ))}
    </ul>
  );
}

/** What the organisation keeps, and for how long, as the notices state it. */
export function Holdings({ org }: { org: OrganisationData }) {
  if (org.holds.length === 0) return <p className="muted">No notice says what it keeps.</p>;
  return (
    <ul className="holdings">
      {org.holds.map((h) => (
        <li key={h.id}>
          {h.fields.map((f) => f.label).join(", ")}.{" "}
          {h.retention ? `How long: ${h.retention}${h.retentionSetBy ? ` (set by ${h.retentionSetBy})` : ""}.` : "How long: not stated."}
          {h.note && ` ${h.note}`}
          <Citations citations={h.citations} />
        </li>
      ))}
    </ul>
  );
}
