import { gql, type TypedDocumentNode } from "@apollo/client";
import { EVIDENCE, FLOW_REF_TEXT, REACH, REGISTER } from "./map-questions";
import type {
  EvidenceData,
  FlowsBetweenData,
  OrganisationDetailData,
  ReachData,
  ReachVariables,
  RegisterData,
} from "./types";

/*
 * Every GraphQL operation the client sends, written once. Tests import these too, so the
 * browser and the tests can never ask different questions.
 *
 * Wherever a cached query asks for a flow's `fields` it asks `{ inclusion field { id label } }`:
 * the cache keeps one list per flow, and a narrower shape from one query would leave another's
 * answer incomplete in the cache (and so refetched). REGISTER_QUERY is the exception: the map
 * reads it once, outside the cache, and asks for as little as drawing needs.
 */

/** The whole register as the map draws it: organisations, fields, flows and opt-outs (read with fetchPolicy "no-cache"). */
export const REGISTER_QUERY: TypedDocumentNode<RegisterData, Record<string, never>> = gql(REGISTER.text);

/** Where the focus's data can go: the recipients (for the table) and every chain (for the map). */
export const REACH_QUERY: TypedDocumentNode<ReachData, ReachVariables & { first: number }> = gql(REACH.text);

/** What the map's panels and sentences show of a flow: its ends, level, basis and fields. */
const CITATION_PARTS = gql`
  fragment CitationParts on Citation {
    quote
    verbatim
    notice {
      id
      title
    }
  }
`;

const FLOW_REF = gql(FLOW_REF_TEXT);

/** Each recipient's evidence chain with names and quotes: what the governors' sentences need. */
export const EVIDENCE_QUERY: TypedDocumentNode<EvidenceData, ReachVariables> = gql(EVIDENCE.text);

/** Every flow from one organisation to another, in full: what a clicked arrow stands for. */
export const FLOWS_BETWEEN_QUERY: TypedDocumentNode<FlowsBetweenData, { from: string; to: string }> = gql`
  query FlowsBetween($from: ID!, $to: ID!) {
    flows(from: $from, to: $to) {
      id
      from {
        id
        name
      }
      to {
        id
        name
      }
      level
      basis
      inferenceNote
      purposes
      lawfulBasis
      conditions
      minimumAge
      onRequest
      approval
      validFrom
      validTo
      heldFrom
      heldTo
      scope {
        kind
        description
      }
      fields {
        inclusion
        field {
          id
          label
        }
      }
      optOuts {
        id
        label
        exercisedBy
        note
        remainingFields {
          id
          label
        }
      }
      citations {
        quote
        verbatim
        notice {
          id
          title
        }
      }
      recipientRole
      actsFor {
        id
        name
      }
      conflicts {
        note
        flow {
          id
          basis
          level
          from {
            id
            name
          }
          to {
            id
            name
          }
        }
      }
    }
  }
`;

/** One organisation with its names, contacts and flows in and out. */

export const ORGANISATION_QUERY: TypedDocumentNode<OrganisationDetailData, { id: string }> = gql`
  query OrganisationDetail($id: ID!) {
    organisation(id: $id) {
      id
      name
      kind
      aliases
      contact
      website
      predecessors {
        id
        name
      }
      isUnnamed
      aliasSources {
        name
        basis
        note
        citations {
          ...CitationParts
        }
      }
      predecessorSources {
        organisation {
          id
          name
        }
        basis
        note
        citations {
          ...CitationParts
        }
      }
      holds {
        id
        retention
        retentionSetBy
        note
        fields {
          id
          label
        }
        citations {
          ...CitationParts
        }
      }
      actsFor {
        id
        name
      }
      incoming {
        ...FlowRef
      }
      outgoing {
        ...FlowRef
      }
    }
  }

  ${FLOW_REF}
  ${CITATION_PARTS}
`;
