import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { BadUserInputError } from "../../errors";

@ObjectType({ simpleResolvers: true, description: "Where a page ends, as GitHub's API does: pass `endCursor` as `after` for the next page." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean)
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name.toLowerCase()}s, ordered by id.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: "How many match in all, across every page." })
    totalCount: number;
  }
  return Connection;
}

export const PAGE_SIZE = { defaultValue: 50, max: 500 };

export const encodeCursor = (id: string) => Buffer.from(`id:${id}`, "utf8").toString("base64url");

/** What a client is told when `after` is no cursor this API gave out. */
export const NOT_A_CURSOR = "`after` is not a cursor this API gave out: pass a `pageInfo.endCursor` from an earlier page.";

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.startsWith("id:")) throw new BadUserInputError(NOT_A_CURSOR, "after");
  return decoded.slice(3);
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? PAGE_SIZE.defaultValue;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max) {
    throw new BadUserInputError(`\`first\` must be between 1 and ${PAGE_SIZE.max}.`, "first");
  }
  return size;
}

/** Turns rows fetched with one extra (to learn whether another page exists) into a connection. */
export function toConnection<T extends { id: string }>(rows: T[], size: number, totalCount: number, after: string | null): ConnectionShape<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
