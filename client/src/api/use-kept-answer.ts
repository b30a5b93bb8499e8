import { useCallback, useEffect, useRef, useState } from "react";
import { askEarly, takeEarly } from "./early-questions";
import type { Question } from "./map-questions";

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

export interface KeptAnswer<T, V = never> {
  /** the answer to the question asked; while it is being fetched, the last one shown if `showPrevious` */
  data: T | undefined;
  loading: boolean;
  error: Error | undefined;
  /**
   * The variables `data` answers: the question asked, or, while its answer is fetched, the one
   * whose answer is still shown (`showPrevious`). The same object while the same answer is shown.
   */
  answers: V | undefined;
  /**
   * Asks now for the answer with these variables, unless it is kept or already being asked: for
   * where the view is about to change, so the question is on its way while React renders the
   * change (20-40 ms at national scale) rather than after.
   */
  askAhead: (variables: V) => void;
}

/**
 * One of the map's questions (map-questions.ts), asked with `fetch` (transport.ts), its last
 * answers kept here, so going back to a field already shown asks nothing. Not through Apollo
 * Client: at national scale these answers name thousands of organisations and flows, and storing
 * them in its normalised cache took about 300 ms of the main thread each (bench:client) for
 * nothing the page reads back; and the first view then needs no Apollo Client at all. An answer
 * asked for before React rendered (askEarly) is taken, not asked again.
 */
export function useKeptAnswer<T, V extends object>(question: Question<T, V>, variables: V, skip: boolean, options: { showPrevious: boolean }): KeptAnswer<T, V> {
  const kept = useRef(new KeptAnswers<T>(KEPT)).current;
  const key = JSON.stringify(variables);
  const [failed, setFailed] = useState<{ key: string; error: Error } | null>(null);
  const [, answered] = useState(0);
  const shown = useRef<{ data: T; variables: V } | undefined>(undefined);
  const answer = skip ? undefined : kept.get(key);
  // An error belongs to one question, and only while it has no answer (a later try may succeed).
  const error = failed?.key === key && answer === undefined ? failed.error : undefined;

  useEffect(() => {
    if (skip || kept.get(key) !== undefined) return;
    let current = true;
    // Asking again: the last failure of this question is no longer its state.
    setFailed((last) => (last?.key === key ? null : last));
    // Through the early questions' table, so a question in flight is never asked twice (askAhead).
    askEarly(question, JSON.parse(key) as V);
    takeEarly(question, key)!
      .then((data) => {
        // Kept even when the reader has moved on: going back to it then asks nothing.
        kept.set(key, data);
        if (current) answered((n) => n + 1);
      })
      .catch((caught: unknown) => {
        if (current) setFailed({ key, error: caught instanceof Error ? caught : new Error(String(caught)) });
      });
    return () => {
      current = false;
    };
  }, [kept, key, skip, question]);

  const askAhead = useCallback(
    (ahead: V) => {
      if (kept.get(JSON.stringify(ahead)) === undefined) askEarly(question, ahead);
    },
    [kept, question],
  );

  if (answer !== undefined && shown.current?.data !== answer) shown.current = { data: answer, variables: JSON.parse(key) as V };
  const data = skip ? undefined : (answer ?? (options.showPrevious ? shown.current?.data : undefined));
  return {
    data,
    answers: data === undefined ? undefined : shown.current!.variables,
    loading: !skip && answer === undefined && error === undefined,
    error,
    askAhead,
  };
}
