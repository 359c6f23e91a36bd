import autocannon from 'autocannon';

/** One row's figures: sustained throughput or a burst. */
export interface LoadResult {
  /** Completed 2xx requests per second. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses that were not 2xx, plus socket errors and timeouts. */
  failures: number;
}

/** What one autocannon run saw: every 2xx latency, failures, wall time. */
export interface Sample {
  latencies: number[];
  failures: number;
  seconds: number;
}

export interface LoadOptions {
  /** Activities to post, used in turn (one per request; each post gets its own activity id). */
  bodies: object[];
  connections: number;
  /** Upper bound on the time (s). */
  seconds: number;
  /** Upper bound on the number of requests. */
  amount: number;
  /** Stop after exactly `amount` requests whatever the time (a burst). */
  exact?: boolean;
}

let posts = 0;
const ID_SLOT = '__bench_activity_id__';

/**
 * Posts activities to `/api/messages` over keep-alive connections, bounded by count and time. Every
 * post is a new activity (its own id), as when many people act: a repeated id is a redelivery,
 * which Lokus answers without running the turn again.
 */
export function drive(url: string, opts: LoadOptions): Promise<Sample> {
  const payloads = opts.bodies.map((b) => JSON.stringify({ ...b, id: ID_SLOT }).split(JSON.stringify(ID_SLOT)));
  let i = 0;
  const latencies: number[] = [];
  let failures = 0;
  // Wall time from the start to the last answer: autocannon's own duration runs to its next
  // one-second tick after a count-bounded run is done.
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/api/messages`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: opts.connections,
        duration: opts.seconds,
        // autocannon ignores `duration` when `amount` is set; `maxOverallRequests` keeps both bounds.
        ...(opts.exact ? { amount: opts.amount } : { maxOverallRequests: opts.amount }),
        timeout: 10,
        requests: [{ setupRequest: (req) => ({ ...req, body: payloads[i++ % payloads.length]!.join(`"bench-${++posts}"`) }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({ latencies, failures: failures + result.errors + result.timeouts, seconds: Math.max((lastAnswerAt - startedAt) / 1000, 0.001) });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      lastAnswerAt = performance.now();
      if (status >= 200 && status < 300) latencies.push(ms);
      else failures++;
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Figures over one or more samples of the same row (rounds interleaved with other rows). */
export function summarize(samples: Sample[]): LoadResult {
  const all = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  return {
    perSecond: all.length / seconds,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    requests: all.length,
    failures: samples.reduce((sum, s) => sum + s.failures, 0),
  };
}

/** All `bodies` at once, one connection each (members pressing the same card at the same moment). */
export function burst(url: string, bodies: object[]): Promise<Sample> {
  return drive(url, { bodies, connections: bodies.length, seconds: 30, amount: bodies.length, exact: true });
}
