import type { Question } from "./map-questions";
import { askRegister } from "./transport";

/*
 * Questions asked as the page's script starts, before React has rendered anything: the first
 * view's register and reach questions are then in flight while the map's chunk downloads and
 * React renders (asked from a component's effect, they started about 250 ms later; bench:client).
 * useKeptAnswer takes the answer from here instead of asking again.
 */

const askedEarly = new Map<string, Map<string, Promise<unknown>>>();

/**
 * Asks `question` with `variables` now, for a later `takeEarly`, unless the same question is
 * already on its way (asked and not yet taken and settled): a question in flight is never asked twice.
 */
export function askEarly<T, V extends object>(question: Question<T, V>, variables: V, ask = askRegister<T, V>): void {
  let byVariables = askedEarly.get(question.text);
  if (!byVariables) askedEarly.set(question.text, (byVariables = new Map()));
  const key = JSON.stringify(variables);
  if (byVariables.has(key)) return;
  const answer = ask(question, variables);
  answer.catch(() => undefined); // a failure is reported to whoever takes it
  byVariables.set(key, answer);
}

/**
 * The early answer to `question` with these variables (`key` is their JSON), if one was asked.
 * It is forgotten once taken and settled, so a question asked again later goes to the server (an
 * effect that React runs twice in development still finds it the second time).
 */
export function takeEarly<T, V>(question: Question<T, V>, key: string): Promise<T> | undefined {
  const byVariables = askedEarly.get(question.text);
  const answer = byVariables?.get(key);
  if (answer === undefined) return undefined;
  const forget = () => {
    if (byVariables!.get(key) === answer) byVariables!.delete(key);
  };
  answer.then(forget, forget);
  return answer as Promise<T>;
}
