import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { REACH_QUERY } from "./queries";
import type { ReachData, ReachVariables } from "./types";

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

/** Answers kept for going back to a field or focus already shown (one page, one register). */
const KEPT = 16;

export interface ReachAnswer {
  /** the answer to the question asked, or while it is being fetched the last one shown */
  data: ReachData | undefined;
  loading: boolean;
  error: Error | undefined;
}

/**
 * Where the focus's data can go, fetched outside Apollo's normalised cache: at national scale
 * the answer names thousands of organisations and flows, and normalising it took about 300 ms of
 * the first paint (bench:client) for nothing the page reads back from the cache. The last
 * answers are kept here instead, so going back to a field already shown asks nothing.
 */
export function useReach(variables: ReachVariables & { first: number }, skip: boolean): ReachAnswer {
  const client = useApolloClient();
  const kept = useRef(new KeptAnswers<ReachData>(KEPT)).current;
  const key = JSON.stringify(variables);
  const [failed, setFailed] = useState<{ key: string; error: Error } | null>(null);
  const [, answered] = useState(0);
  const shown = useRef<ReachData | undefined>(undefined);
  const answer = skip ? undefined : kept.get(key);
  const error = failed?.key === key ? failed.error : undefined;

  useEffect(() => {
    if (skip || kept.get(key) !== undefined) return;
    let current = true;
    client
      .query({ query: REACH_QUERY, variables: JSON.parse(key) as ReachVariables & { first: number }, fetchPolicy: "no-cache" })
      .then((result) => {
        // Kept even when the reader has moved on: going back to it then asks nothing.
        if (result.data) kept.set(key, result.data);
        if (current) answered((n) => n + 1);
      })
      .catch((caught: unknown) => {
        if (current) setFailed({ key, error: caught instanceof Error ? caught : new Error(String(caught)) });
      });
    return () => {
      current = false;
    };
  }, [client, kept, key, skip]);

  if (answer !== undefined) shown.current = answer;
  return { data: skip ? undefined : (answer ?? shown.current), loading: !skip && answer === undefined && error === undefined, error };
}
