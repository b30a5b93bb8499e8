import { cpus, loadavg } from "node:os";

/**
 * One fixed piece of work, timed (the fastest of 5: the least disturbed by other work), so that figures from different machines or days
 * can be told apart: the bench's machines are shared, and the same code has measured 3x slower
 * on one than on another (the import's CPU time at 24,000 schools: 55-59 s against 20-22 s).
 * The work is what the server does most: objects built, sorted, and written and read as JSON.
 */
export function referenceWorkMs(): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ id: `row-${i}`, hops: Math.floor(random() * 8), weight: random() }));
    rows.sort((a, b) => a.hops - b.hops || a.weight - b.weight);
    const text = JSON.stringify(rows);
    if ((JSON.parse(text) as unknown[]).length !== rows.length) throw new Error("reference work failed");
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

/** "2 CPUs (model), reference work 180 ms, load average 0.1 0.2 0.3": the line each bench prints first. */
export function describeMachine(): string {
  const cores = cpus();
  return `${cores.length} CPUs (${cores[0]?.model ?? "unknown"}), reference work ${referenceWorkMs().toFixed(0)} ms (bench/machine.ts: lower is faster), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
}
