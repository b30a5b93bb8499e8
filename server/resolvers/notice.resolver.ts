import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Context } from "../context";
import { Citation, Flow, Notice, OptOut, Organisation, PupilField } from "../entities";
import { NotFoundError } from "../errors";
import { requireOrganisation } from "./organisation.resolver";

export async function requireNotice(context: Context, id: string): Promise<Notice> {
  const notice = await context.loaders.notice.load(id);
  if (!notice) throw new NotFoundError("notice", id, "List them with `notices { id title }`.");
  return notice;
}

@Resolver(() => Notice)
export class NoticeResolver {
  @Query(() => [Notice], { description: "Every source notice, ordered by id." })
  notices(@Ctx() context: Context): Promise<Notice[]> {
    return context.dataSource.getRepository(Notice).find({ order: { id: "ASC" } });
  }

  @Query(() => Notice, { nullable: true })
  notice(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Notice> {
    return requireNotice(context, id);
  }

  @FieldResolver(() => Organisation, { description: "Who published the notice." })
  publisher(@Root() notice: Notice, @Ctx() context: Context): Promise<Organisation> {
    return requireOrganisation(context, notice.publisherId);
  }

  @FieldResolver(() => String, { nullable: true, description: "The notice's full text, when the register has it (every quote from it is checked against it)." })
  text(@Root() notice: Notice): string | null {
    return notice.text ?? null;
  }

  @FieldResolver(() => Boolean, { description: "True when the register stores the notice's text, so its citations are checked quotes; false when they are paraphrases." })
  hasText(@Root() notice: Notice): boolean {
    return notice.text != null;
  }

  @FieldResolver(() => [Flow], { description: "Flows citing this notice." })
  flows(@Root() notice: Notice, @Ctx() context: Context): Promise<Flow[]> {
    return context.loaders.noticeFlows.load(notice.id);
  }
}

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Notice)
  notice(@Root() citation: Citation, @Ctx() context: Context): Promise<Notice> {
    return requireNotice(context, citation.noticeId);
  }
}

@Resolver(() => OptOut)
export class OptOutResolver {
  @Query(() => [OptOut], { description: "Every opt-out the notices describe." })
  optOuts(@Ctx() context: Context): Promise<OptOut[]> {
    return context.dataSource.getRepository(OptOut).find({ order: { id: "ASC" } });
  }

  @Query(() => OptOut, { nullable: true })
  async optOut(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<OptOut> {
    const optOut = await context.loaders.optOut.load(id);
    if (!optOut) throw new NotFoundError("opt-out", id, "List them with `optOuts { id label }`.");
    return optOut;
  }

  @FieldResolver(() => [PupilField], { description: "Fields that still flow after the opt-out is exercised." })
  async remainingFields(@Root() optOut: OptOut, @Ctx() context: Context): Promise<PupilField[]> {
    return (await context.loaders.field.loadMany(optOut.remainingFieldIds)).filter((f): f is PupilField => f instanceof PupilField);
  }

  @FieldResolver(() => [Citation])
  citations(@Root() optOut: OptOut, @Ctx() context: Context): Promise<Citation[]> {
    return context.loaders.optOutCitations.load(optOut.id);
  }

  @FieldResolver(() => [Flow], { description: "Flows this opt-out narrows." })
  flows(@Root() optOut: OptOut, @Ctx() context: Context): Promise<Flow[]> {
    return context.loaders.optOutFlows.load(optOut.id);
  }
}
