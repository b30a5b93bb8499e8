import "reflect-metadata";
import { serve } from "./client-speed";

/*
 * `tsx bench/serve-register.ts DIR...`: serves the register in DIRs (imported into memory, warmed
 * as `npm start` warms it) and prints "LISTENING <base url>". bench:client runs its servers this
 * way, in their own process as a deployed server is: in the bench's process they shared an event
 * loop with Playwright, and a first load's questions waited behind its messages (570 ms for an
 * answer the server computes in 20).
 */
serve(process.argv.slice(2))
  .then(({ base }) => console.log(`LISTENING ${base}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
