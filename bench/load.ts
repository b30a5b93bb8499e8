import { Agent, request } from "node:http";

/** The p-th percentile (0-100) of ascending values, by nearest rank; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** first error message seen, for the report */
  firstError: string | null;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** completed requests per second of wall time */
  rps: number;
  /** mean response body size, bytes */
  bytes: number;
  wallMs: number;
  /** every latency, ascending (for merging results) */
  latencies: number[];
}

export function summarise(latencies: number[], bytes: number, errors: number, firstError: string | null, wallMs: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    requests: n,
    errors,
    firstError,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : NaN,
    max: n ? sorted[n - 1] : NaN,
    rps: n / (wallMs / 1000),
    bytes: n ? bytes / n : 0,
    wallMs,
    latencies: sorted,
  };
}

/** Several measurements of the same question as one: percentiles over every request, rate over the summed time. */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const errors = results.reduce((a, r) => a + r.errors, 0);
  const bytes = results.reduce((a, r) => a + r.bytes * r.requests, 0);
  const wallMs = results.reduce((a, r) => a + r.wallMs, 0);
  const firstError = results.find((r) => r.firstError)?.firstError ?? null;
  return summarise(results.flatMap((r) => r.latencies), bytes, errors, firstError, wallMs);
}

/**
 * Measures several questions in alternating slices (A, B, A, B...) rather than one after the
 * other, so that each sees the same conditions. On a shared machine the speed drifts by 2x over
 * a minute; a ratio of two figures measured a minute apart measured the drift as much as the
 * server. Each question's `maxRequests` is split evenly over the slices.
 */
export async function runInterleaved(client: GraphqlClient, questions: readonly LoadOptions[], slices: number): Promise<LoadResult[]> {
  const parts: LoadResult[][] = questions.map(() => []);
  for (let slice = 0; slice < slices; slice++) {
    for (const [q, options] of questions.entries()) {
      const perSlice = Math.ceil(options.maxRequests / slices);
      const offset = options.warmup + slice * perSlice;
      parts[q].push(
        await runLoad(client, {
          ...options,
          maxRequests: perSlice,
          maxMs: options.maxMs / slices,
          warmup: slice === 0 ? options.warmup : 0,
          // Request numbers continue across slices, so no question is asked twice.
          body: (i) => options.body(slice === 0 ? i : offset + i),
        }),
      );
    }
  }
  return parts.map(mergeResults);
}

export interface PostResult {
  /** time to the last byte, ms */
  ms: number;
  status: number;
  bytes: number;
  /** the first bytes of the body, latin1 */
  head: string;
  /** the whole body, decoded */
  text(): string;
}

/**
 * What went wrong with a GraphQL answer, or null. Reads the body only when it starts with
 * `errors`: Apollo Server writes `errors` before `data` (its orderExecutionResultFields), so an
 * answer with any error, partial data or not, starts `{"errors":`.
 */
export function responseError(res: Pick<PostResult, "status" | "head" | "text">): string | null {
  if (res.status !== 200) return `HTTP ${res.status}: ${res.text().slice(0, 200)}`;
  if (!res.head.startsWith('{"errors"')) return null;
  const parsed = JSON.parse(res.text()) as { errors?: { message: string }[] };
  return parsed.errors?.map((e) => e.message).join("; ") ?? "errors";
}

/** A step through 0..n-1 that visits every index once before repeating (coprime with n, near n / 7). */
export function coprimeStride(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = Math.max(1, Math.floor(n / 7) + 1);
  while (n > 1 && gcd(stride, n) !== 1) stride++;
  return stride;
}

/** A GraphQL client over keep-alive HTTP connections (one per concurrent client). */
export class GraphqlClient {
  private readonly agent: Agent;
  private readonly target: URL;

  constructor(url: string, connections: number) {
    this.target = new URL(url);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /**
   * Posts a query; resolves with the time to the last byte, the body and its size. The body is
   * decoded only when read (`text()`): a load generator that parsed every 60 KB answer spent
   * almost 2 ms of CPU per request on the same two cores as the server it measures.
   */
  post(body: string, timeoutMs = 120000, retried = false): Promise<PostResult> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          hostname: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on("data", (c: Buffer) => {
            chunks.push(c);
            bytes += c.length;
          });
          res.on("end", () => {
            const ms = performance.now() - started;
            const head = Buffer.concat(chunks, Math.min(16, bytes)).toString("latin1");
            resolve({ ms, status: res.statusCode ?? 0, bytes, head, text: () => Buffer.concat(chunks).toString("utf8") });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("error", (error: NodeJS.ErrnoException) => {
        // The server closed this kept-alive connection (its keepAliveTimeout) as the request was
        // sent on it, so the request never ran: send it once more on a new connection, as Node's
        // documentation advises. A reset on a new connection is an error.
        if (req.reusedSocket && error.code === "ECONNRESET" && !retried) this.post(body, timeoutMs, true).then(resolve, reject);
        else reject(error);
      });
      req.end(body);
    });
  }

  /** Runs a query and returns its data, throwing on HTTP or GraphQL errors. */
  async data<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; ms: number }> {
    const res = await this.post(JSON.stringify({ query, variables }));
    const text = res.text();
    const parsed = JSON.parse(text) as { data?: T; errors?: { message: string }[] };
    if (res.status !== 200 || parsed.errors?.length || !parsed.data) {
      throw new Error(`HTTP ${res.status}: ${parsed.errors?.map((e) => e.message).join("; ") ?? text.slice(0, 200)}`);
    }
    return { data: parsed.data, ms: res.ms };
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoadOptions {
  concurrency: number;
  /** stop after this many requests... */
  maxRequests: number;
  /** ...or once this much time has passed (requests under way finish) */
  maxMs: number;
  /** unmeasured requests first (JIT, caches), run with the same concurrency */
  warmup: number;
  /** the request body for the i-th request */
  body: (i: number) => string;
}

/** `concurrency` clients each sending the next request as soon as their last is answered. */
export async function runLoad(client: GraphqlClient, options: LoadOptions): Promise<LoadResult> {
  const once = async (i: number) => {
    const res = await client.post(options.body(i));
    return { ms: res.ms, bytes: res.bytes, error: responseError(res) };
  };

  let warmed = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, Math.max(1, options.warmup)) }, async () => {
      while (warmed < options.warmup) await once(warmed++);
    }),
  );

  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  const started = performance.now();
  const deadline = started + options.maxMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (issued < options.maxRequests && performance.now() < deadline) {
        const i = issued++;
        try {
          const r = await once(options.warmup + i);
          latencies.push(r.ms);
          bytes += r.bytes;
          if (r.error) {
            errors++;
            firstError ??= r.error;
          }
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return summarise(latencies, bytes, errors, firstError, performance.now() - started);
}
