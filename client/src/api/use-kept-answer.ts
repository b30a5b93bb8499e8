import type { ApolloClient, TypedDocumentNode } from "@apollo/client";
import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { takeEarly } from "./early-questions";

/**
 * The last few answers, newest last; reading one makes it the newest. Plain data, so it is
 * unit-tested without a browser.
 */
export class KeptAnswers<T> {
  private readonly answers = new Map<string, T>();
  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    const answer = this.answers.get(key);
    if (answer !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  set(key: string, answer: T): void {
    this.answers.delete(key);
    this.answers.set(key, answer);
    while (this.answers.size > this.limit) this.answers.delete(this.answers.keys().next().value!);
  }

  get size(): number {
    return this.answers.size;
  }
}

/** Answers kept per question for going back to a field or focus already shown (one page, one register). */
const KEPT = 16;

export interface KeptAnswer<T> {
  /** the answer to the question asked; while it is being fetched, the last one shown if `showPrevious` */
  data: T | undefined;
  loading: boolean;
  error: Error | undefined;
}

/**
 * A question fetched outside Apollo's normalised cache, its last answers kept here instead, so
 * going back to a field already shown asks nothing. For the map's reach and evidence questions:
 * at national scale their answers name thousands of organisations and flows, and normalising
 * them took about 300 ms of the main thread each (bench:client) for nothing the page reads back
 * from the cache. An answer asked for before React rendered (askEarly) is taken, not asked again.
 */
export function useKeptAnswer<T, V extends object>(
  query: TypedDocumentNode<T, V>,
  variables: V,
  skip: boolean,
  options: { showPrevious: boolean },
): KeptAnswer<T> {
  const client = useApolloClient();
  const kept = useRef(new KeptAnswers<T>(KEPT)).current;
  const key = JSON.stringify(variables);
  const [failed, setFailed] = useState<{ key: string; error: Error } | null>(null);
  const [, answered] = useState(0);
  const shown = useRef<T | undefined>(undefined);
  const answer = skip ? undefined : kept.get(key);
  // An error belongs to one question, and only while it has no answer (a later try may succeed).
  const error = failed?.key === key && answer === undefined ? failed.error : undefined;

  useEffect(() => {
    if (skip || kept.get(key) !== undefined) return;
    let current = true;
    // Asking again: the last failure of this question is no longer its state.
    setFailed((last) => (last?.key === key ? null : last));
    (takeEarly<T>(client, query, key) ?? client.query<T, V>({ query, variables: JSON.parse(key) as V, fetchPolicy: "no-cache" } as ApolloClient.QueryOptions<T, V>))
      .then((result) => {
        // Kept even when the reader has moved on: going back to it then asks nothing.
        if (result.data) kept.set(key, result.data as T);
        if (current) answered((n) => n + 1);
      })
      .catch((caught: unknown) => {
        if (current) setFailed({ key, error: caught instanceof Error ? caught : new Error(String(caught)) });
      });
    return () => {
      current = false;
    };
  }, [client, kept, key, skip, query]);

  if (answer !== undefined) shown.current = answer;
  return { data: skip ? undefined : (answer ?? (options.showPrevious ? shown.current : undefined)), loading: !skip && answer === undefined && error === undefined, error };
}
