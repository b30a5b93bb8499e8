import { ChainQueryResolver, ChainResolver } from "./chain.resolver";
import { FlowFieldResolver, PupilFieldResolver } from "./field.resolver";
import { FlowResolver } from "./flow.resolver";
import { CitationResolver, NoticeResolver, OptOutResolver } from "./notice.resolver";
import { OrganisationResolver } from "./organisation.resolver";

export const resolvers = [
  OrganisationResolver,
  PupilFieldResolver,
  FlowFieldResolver,
  FlowResolver,
  NoticeResolver,
  CitationResolver,
  OptOutResolver,
  ChainQueryResolver,
  ChainResolver,
] as const;
