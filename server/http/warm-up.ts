import { print } from "graphql";
import { EVIDENCE_QUERY, REACH_QUERY, REGISTER_QUERY } from "../../client/src/api/queries";

/** Above this many flows the answers themselves dwarf compiling them: no warm-up. */
export const WARM_UP_MAX_FLOWS = 10_000;

/** How many times each question is asked: V8 optimises what ran hot, not what ran once. */
const ROUNDS = 3;

/**
 * Asks the map's own questions (the register, then a reach and its evidence from one sending
 * organisation) over HTTP on the server's own address, a few times, right after start: the first
 * visitor after a restart then finds them compiled (graphql-jit) and the code paths warm. Measured
 * with bench:client's seed map, the first visit's questions took about 620 ms on a cold server
 * and 100 ms on a warm one. Answers are thrown away; a failure is only reported.
 */
export async function warmUp(url: string): Promise<{ ms: number; questions: number }> {
  const started = performance.now();
  let questions = 0;
  const ask = async (query: string, variables: object) => {
    questions++;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "apollo-require-preflight": "true", "accept-encoding": "gzip" },
      body: JSON.stringify({ query, variables }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    const body = (await response.json()) as { data?: { flows?: { from: { id: string } }[] }; errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors[0].message);
    return body.data;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const register = await ask(print(REGISTER_QUERY), {});
    const from = register?.flows?.[0]?.from.id;
    if (from === undefined) continue;
    const variables = { from, field: null, maxHops: 2, pupilAge: null, optOuts: null, asOf: null, basis: "STATED_OR_INFERRED", identifiableOnly: false };
    await ask(print(REACH_QUERY), { ...variables, first: 1000 });
    await ask(print(EVIDENCE_QUERY), variables);
  }
  return { ms: performance.now() - started, questions };
}
