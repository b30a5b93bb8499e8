import type { EvidenceData, ReachData, ReachVariables, RegisterData } from "./types";

/*
 * The map's own questions as plain text, so that the first view asks them with `fetch`
 * (transport.ts) without loading Apollo Client and graphql-js first: they were 180 KiB of the
 * 435 KiB of script a first visit compiled before the map could draw. queries.ts makes the same
 * texts into documents for Apollo Client (the details panels), the server and the tests.
 */

/** A question's text, typed with its answer's data and its variables. */
export interface Question<T, V> {
  readonly name: string;
  readonly text: string;
  /** types only: never set */
  readonly types?: { data: T; variables: V };
}

/** The chain filters every reach question declares (ReachVariables) and passes on, as written in each. */
const FILTER_VARIABLES = `    $from: ID!
    $field: ID
    $maxHops: Int
    $pupilAge: Int
    $optOuts: [ID!]
    $asOf: LocalDate
    $basis: ChainBasis
    $identifiableOnly: Boolean
`;
const FILTER_ARGUMENTS = `      from: $from
      field: $field
      maxHops: $maxHops
      pupilAge: $pupilAge
      optOuts: $optOuts
      asOf: $asOf
      basis: $basis
      identifiableOnly: $identifiableOnly
`;

/** The whole register, read once per page: organisations, fields, flows and opt-outs. */
export const REGISTER: Question<RegisterData, Record<string, never>> = {
  name: "Register",
  text: `
  query Register {
    organisations {
      id
      name
      kind
      aliases
    }
    fields {
      id
      label
      category
      broader {
        id
      }
    }
    flows {
      id
      from {
        id
      }
      to {
        id
      }
      level
      basis
      validFrom
      validTo
      heldFrom
      heldTo
      minimumAge
      recipientRole
      actsFor {
        id
      }
      fields {
        inclusion
        field {
          id
        }
      }
    }
    optOuts {
      id
      label
    }
  }
`,
};

/** What the map highlights from the focus: the reach (a page of up to 1,000) and its chains. */
export const REACH: Question<ReachData, ReachVariables & { first: number }> = {
  name: "Reach",
  text: `
  query Reach(
${FILTER_VARIABLES}    $first: Int
  ) {
    recipientsReport(
${FILTER_ARGUMENTS}    ) {
      truncated
      organisations {
        hops
        level
        certainty
        organisation {
          id
        }
        chain {
          organisations {
            id
          }
          fields {
            id
          }
          hops {
            id
          }
          inferredHops {
            id
          }
          unstatedLevelHops {
            id
          }
        }
      }
    }
    onwardChains(
${FILTER_ARGUMENTS}      first: $first
    ) {
      truncated
      chains {
        certainty
        hops {
          id
        }
      }
    }
  }
`,
};

export const FLOW_REF_TEXT = `
  fragment FlowRef on Flow {
    id
    level
    basis
    recipientRole
    from {
      id
      name
    }
    to {
      id
      name
    }
    fields {
      inclusion
      field {
        id
        label
      }
    }
  }
`;

/** Each recipient's evidence chain with names and quotes: what the governors' sentences need. */
export const EVIDENCE: Question<EvidenceData, ReachVariables> = {
  name: "Evidence",
  text: `
  query Evidence(
${FILTER_VARIABLES}  ) {
    recipients(
${FILTER_ARGUMENTS}    ) {
      hops
      certainty
      organisation {
        id
      }
      chain {
        hops {
          ...FlowRef
          citations {
            quote
            verbatim
            notice {
              id
              title
            }
          }
        }
      }
    }
  }
  ${FLOW_REF_TEXT}
`,
};
