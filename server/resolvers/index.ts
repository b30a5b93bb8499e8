import { ChainQueryResolver, ChainResolver, RecipientResolver } from "./chain.resolver";
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
  RecipientResolver,
] as const;
