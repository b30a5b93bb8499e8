import { ChainQueryResolver, ChainResolver, ChainResultResolver, ReachResultResolver, RecipientResolver } from "./chain.resolver";
import { FlowFieldResolver, PupilFieldResolver } from "./field.resolver";
import { FlowResolver } from "./flow.resolver";
import { FlowFidelityResolver, HoldingResolver, OrganisationFidelityResolver } from "./fidelity.resolver";
import { CitationResolver, NoticeResolver, OptOutResolver } from "./notice.resolver";
import { FlowModelResolver, OrganisationModelResolver, PupilFieldModelResolver } from "./model.resolver";
import { OrganisationResolver } from "./organisation.resolver";

export const resolvers = [
  OrganisationResolver,
  OrganisationModelResolver,
  FlowModelResolver,
  PupilFieldModelResolver,
  PupilFieldResolver,
  FlowFieldResolver,
  FlowResolver,
  OrganisationFidelityResolver,
  FlowFidelityResolver,
  HoldingResolver,
  NoticeResolver,
  CitationResolver,
  OptOutResolver,
  ChainQueryResolver,
  ChainResolver,
  RecipientResolver,
  ReachResultResolver,
  ChainResultResolver,
] as const;
