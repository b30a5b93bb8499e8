import { useQuery } from "@apollo/client/react";
import { pageApolloClient } from "../api/apollo";
import { FLOWS_BETWEEN_QUERY } from "../api/queries";
import type { FlowDetail } from "../api/types";
import { edgeEnds, edgeIdFor } from "../graph/to-elements";
import { LEVEL_VISUALS } from "../graph/visuals";
import type { Selection } from "../state/view-state";
import type { FieldFamily } from "../text/sentences";
import { FieldCarriage } from "./FieldCarriage";
import { Problem } from "./Problem";
import { Citations, Conflicts, FieldList, RecipientRoleText } from "./SourceFacts";

function validity(flow: FlowDetail): string {
  const dates = (from: string | null, to: string | null) =>
    !from && !to ? "No dates known: holds in every era." : from && to ? `From ${from} to ${to}.` : from ? `From ${from} on.` : `Until ${to}.`;
  const stated = dates(flow.validFrom, flow.validTo);
  if (flow.heldFrom === flow.validFrom && flow.heldTo === flow.validTo) return stated;
  // A notice with no end date does not outlive the bodies it names.
  return `${stated} Held only while both ends existed: ${dates(flow.heldFrom, flow.heldTo).replace(/\.$/, "")}.`;
}

function OneFlow({ flow, onSelect }: { flow: FlowDetail; onSelect: (selection: Selection) => void }) {
  return (
    <section className="flow-detail" aria-label={`Flow ${flow.id}`}>
      <p className={`basis basis-${flow.basis.toLowerCase()}`}>
        {flow.basis === "STATED" ? "STATED: the notice says so outright." : "INFERRED: the notice only implies this flow."}
      </p>
      {flow.basis === "INFERRED" && flow.inferenceNote && <p className="inference-note">Why inferred: {flow.inferenceNote}</p>}
      <Conflicts flow={flow} onSelect={onSelect} />
      <dl>
        <dt>Fields</dt>
        <dd>
          <FieldList fields={flow.fields} />
        </dd>
        <dt>Level</dt>
        <dd>
          {LEVEL_VISUALS[flow.level].label} ({LEVEL_VISUALS[flow.level].description})
        </dd>
        <dt>Purposes</dt>
        <dd>{flow.purposes.length > 0 ? flow.purposes.join("; ") : "Not stated in the notice."}</dd>
        <dt>Recipient's role</dt>
        <dd>
          <RecipientRoleText flow={flow} />
        </dd>
        <dt>Lawful basis</dt>
        <dd>{flow.lawfulBasis ?? "The notice states none."}</dd>
        <dt>Conditions</dt>
        <dd>
          {flow.conditions ?? "None stated."}
          {flow.minimumAge !== null && ` Pupils aged ${flow.minimumAge} or more.`}
          {flow.onRequest && " Passed only when the recipient asks."}
        </dd>
        <dt>Opt-outs</dt>
        <dd>
          {flow.optOuts.length === 0
            ? "None tied to this flow."
            : flow.optOuts.map((o) => (
                <p key={o.id}>
                  {o.label}: exercised by {o.exercisedBy}; what still flows: {o.remainingFields.map((f) => f.label).join(", ") || "nothing"}.
                  {o.note && ` ${o.note}`}
                </p>
              ))}
        </dd>
        <dt>Approval</dt>
        <dd>{flow.approval ?? "None stated."}</dd>
        <dt>When</dt>
        <dd>{validity(flow)}</dd>
        {flow.scope.kind !== "NATIONAL" && (
          <>
            <dt>Whose pupils</dt>
            <dd>{flow.scope.description}</dd>
          </>
        )}
      </dl>
      <h4>From the notices</h4>
      <Citations citations={flow.citations} />
    </section>
  );
}

/** The flows one arrow stands for, in full: fields, purposes, basis, opt-outs and the notices' words. */
export function FlowDetails({ edgeId, onSelect, family = null }: { edgeId: string; onSelect: (selection: Selection) => void; family?: FieldFamily | null }) {
  const ends = edgeEnds(edgeId);
  const { data, loading, error } = useQuery(FLOWS_BETWEEN_QUERY, { client: pageApolloClient(), variables: ends ?? { from: "", to: "" }, skip: ends === null });
  if (ends === null) return <Problem problem={{ title: "Unknown arrow", detail: `“${edgeId}” does not name an arrow of the map.` }} />;
  if (error) return <Problem error={error} />;
  if (loading && !data) return <p aria-busy="true">Loading the flow…</p>;
  const flows = (data?.flows ?? []).filter((flow) => edgeIdFor(flow) === edgeId);
  if (flows.length === 0) return <Problem problem={{ title: "No such flow", detail: "The register has no flow on this arrow any more." }} />;
  const { from, to } = flows[0];
  return (
    <article className="details-flow" aria-labelledby="details-title">
      <h2 id="details-title">
        <button type="button" className="link" onClick={() => onSelect({ type: "org", id: from.id })}>
          {from.name}
        </button>{" "}
        →{" "}
        <button type="button" className="link" onClick={() => onSelect({ type: "org", id: to.id })}>
          {to.name}
        </button>
      </h2>
      <p className="muted">
        {flows.length === 1 ? "One flow" : `${flows.length} flows`} on this arrow ({LEVEL_VISUALS[flows[0].level].label.toLowerCase()}, {flows[0].basis.toLowerCase()}).
      </p>
      {family && <FieldCarriage flows={flows} family={family} />}
      {flows.map((flow) => (
        <OneFlow key={flow.id} flow={flow} onSelect={onSelect} />
      ))}
    </article>
  );
}
