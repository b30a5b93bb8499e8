import { useQuery } from "@apollo/client/react";
import { pageApolloClient } from "../api/apollo";
import { ORGANISATION_QUERY } from "../api/queries";
import type { OrganisationFlowRef } from "../api/types";
import { shortFieldList } from "../graph/field-labels";
import { edgeIdFor } from "../graph/to-elements";
import { KIND_VISUALS, LEVEL_VISUALS } from "../graph/visuals";
import type { Selection } from "../state/view-state";
import { KindShape } from "./KindShape";
import { Problem } from "./Problem";
import { AliasList, Holdings, PredecessorList } from "./SourceFacts";

export interface OrganisationDetailsProps {
  id: string;
  isFocus: boolean;
  onSelect: (selection: Selection) => void;
  onFocus: (id: string) => void;
}

function FlowList({ flows, direction, onSelect }: { flows: OrganisationFlowRef[]; direction: "in" | "out"; onSelect: (s: Selection) => void }) {
  if (flows.length === 0) return <p className="muted">None in the register.</p>;
  return (
    <ul className="flow-list">
      {flows.map((flow) => (
        <li key={flow.id}>
          <button type="button" className="link" onClick={() => onSelect({ type: "edge", id: edgeIdFor(flow) })}>
            {direction === "out" ? `to ${flow.to.name}` : `from ${flow.from.name}`}
          </button>
          : {shortFieldList(flow.fields.map((f) => f.field.label), 3)} <small>({LEVEL_VISUALS[flow.level].label.toLowerCase()}{flow.basis === "INFERRED" ? ", inferred" : ""})</small>
        </li>
      ))}
    </ul>
  );
}

/** Whom it processes for, on how many of the flows it receives (a body may be a processor on some only). */
function ActsFor({ org }: { org: { actsFor: { name: string }[]; incoming: OrganisationFlowRef[] } }) {
  const processing = org.incoming.filter((f) => f.recipientRole === "PROCESSOR" || f.recipientRole === "SUB_PROCESSOR").length;
  const all = org.incoming.length;
  return (
    <p className="acts-for">
      Acts as a processor for {org.actsFor.map((o) => o.name).join(", ")}
      {processing === all ? ` on every flow it receives: not an independent recipient.` : ` on ${processing} of the ${all} flows it receives; on the others the notices state no such role.`}
    </p>
  );
}

/** An organisation's names, contacts and flows in and out. */
export function OrganisationDetails({ id, isFocus, onSelect, onFocus }: OrganisationDetailsProps) {
  const { data, loading, error } = useQuery(ORGANISATION_QUERY, { client: pageApolloClient(), variables: { id } });
  if (error) return <Problem error={error} />;
  if (loading && !data) return <p aria-busy="true">Loading the organisation…</p>;
  const org = data?.organisation;
  if (!org) return <Problem problem={{ title: "Not found", detail: `The register has no organisation with the id “${id}”.` }} />;
  return (
    <article className="details-organisation" aria-labelledby="details-title">
      <h2 id="details-title">
        <KindShape kind={org.kind} size={20} /> {org.name}
      </h2>
      <p className="muted">
        {KIND_VISUALS[org.kind].label}
        {org.isUnnamed && " · a class of recipients the notice names without naming an organisation"}
      </p>
      {org.actsFor.length > 0 && <ActsFor org={org} />}
      {!isFocus && (
        <button type="button" onClick={() => onFocus(org.id)}>
          Focus the map on {org.name}
        </button>
      )}
      <dl>
        <dt>Also called</dt>
        <dd>
          <AliasList org={org} />
        </dd>
        <dt>Contact</dt>
        <dd>{org.contact ?? "No contact given."}</dd>
        {org.website && (
          <>
            <dt>Website</dt>
            <dd>{org.website}</dd>
          </>
        )}
        {org.predecessors.length > 0 && (
          <>
            <dt>Replaced</dt>
            <dd>
              <PredecessorList org={org} />
            </dd>
          </>
        )}
      </dl>
      <h3>Keeps</h3>
      <Holdings org={org} />
      <h3>Passes data to ({org.outgoing.length})</h3>
      <FlowList flows={org.outgoing} direction="out" onSelect={onSelect} />
      <h3>Receives data from ({org.incoming.length})</h3>
      <FlowList flows={org.incoming} direction="in" onSelect={onSelect} />
    </article>
  );
}
