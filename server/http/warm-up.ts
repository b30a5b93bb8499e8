import { EVIDENCE, REACH, REGISTER, type Question } from "../../client/src/api/map-questions";
import { askRegister, RegisterHttpError } from "../../client/src/api/transport";
import { todayIso } from "../../client/src/state/view-state";

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
 *
 * They are asked through the map's own transport (client/src/api/transport.ts), so each body and
 * Accept header is byte for byte the browser's: compiled queries and the kept register answer are
 * found by exactly that text and Accept header.
 */
export async function warmUp(url: string): Promise<{ ms: number; questions: number }> {
  const started = performance.now();
  let questions = 0;
  const ask = async <T, V extends object>(question: Question<T, V>, variables: V): Promise<T> => {
    questions++;
    try {
      return await askRegister(question, variables, url);
    } catch (error) {
      if (error instanceof RegisterHttpError) throw new Error(`HTTP ${error.statusCode} from ${url}`);
      throw error;
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    const register = await ask(REGISTER, {});
    const flow = register?.flows?.[0];
    if (flow === undefined) continue;
    // As the map opens (today's date) and as it is most often asked (one field, every era):
    // the searches take other paths with a field or a date, and V8 optimises each path it ran.
    const field = flow.fields[0]?.field.id ?? null;
    for (const [chosen, asOf] of [[null, todayIso()], [field, null], [field, todayIso()]] as const) {
      const variables = { from: flow.from.id, field: chosen, maxHops: 2, pupilAge: null, optOuts: null, asOf, basis: "STATED_OR_INFERRED" as const, identifiableOnly: false };
      await ask(REACH, { ...variables, first: 1000 });
      await ask(EVIDENCE, variables);
    }
  }
  return { ms: performance.now() - started, questions };
}
