import { performance } from 'node:perf_hooks';

export interface MeasureOptions {
  /** Operations to time (stops earlier at the time cap). */
  readonly iterations: number;
  /** Untimed operations first, so JIT, caches and pools are warm. */
  readonly warmup: number;
  /** Operations in flight at once (1 = strictly sequential). */
  readonly concurrency: number;
  /** Hard cap on the timed phase. */
  readonly timeCapMs: number;
}

export interface Result {
  readonly name: string;
  readonly concurrency: number;
  readonly ops: number;
  readonly seconds: number;
  readonly opsPerSec: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function summarize(
  name: string,
  concurrency: number,
  latencies: number[],
  seconds: number,
): Result {
  latencies.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    ops: latencies.length,
    seconds,
    opsPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** Runs `op` from `concurrency` loops until `count` calls are done or the deadline passes. */
async function drive(
  op: (i: number) => Promise<void>,
  count: number,
  concurrency: number,
  deadline: number,
  latencies?: number[],
): Promise<number> {
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const start = performance.now();
      await op(i);
      latencies?.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return next;
}

/** Warms up, then times each call; throughput is completed calls over wall-clock time. */
export async function measure(
  name: string,
  op: (i: number) => Promise<void>,
  options: MeasureOptions,
): Promise<Result> {
  await drive(op, options.warmup, options.concurrency, performance.now() + options.timeCapMs);
  const latencies: number[] = [];
  const start = performance.now();
  await drive(op, options.iterations, options.concurrency, start + options.timeCapMs, latencies);
  return summarize(name, options.concurrency, latencies, (performance.now() - start) / 1000);
}

/**
 * Several operations timed in turns, one call of each per round (the order rotating), one at a
 * time: a slow spell of a noisy machine then falls on all of them alike, so the ratios between
 * them hold even when the absolute figures drift. Throughput is per operation, over its own time.
 */
export async function measureInTurns(
  ops: readonly { readonly name: string; readonly op: (i: number) => Promise<void> }[],
  options: Pick<MeasureOptions, 'iterations' | 'warmup' | 'timeCapMs'>,
): Promise<Result[]> {
  const latencies = ops.map((): number[] => []);
  const deadline = performance.now() + options.timeCapMs;
  for (let round = 0; round < options.warmup + options.iterations; round++) {
    if (round >= options.warmup && performance.now() > deadline) break;
    for (let turn = 0; turn < ops.length; turn++) {
      const index = (round + turn) % ops.length;
      const start = performance.now();
      await ops[index].op(round);
      if (round >= options.warmup) latencies[index].push(performance.now() - start);
    }
  }
  return ops.map(({ name }, index) => {
    const spent = latencies[index].reduce((sum, ms) => sum + ms, 0) / 1000;
    return summarize(name, 1, latencies[index], spent);
  });
}

export interface PacedOptions {
  /** Independent clients, each with its own schedule. */
  readonly clients: number;
  /** Each client starts one call this often (a respondent saving a page every few seconds). */
  readonly intervalMs: number;
  readonly durationMs: number;
}

/**
 * Open-loop load: every client starts a call on its own fixed schedule, whether or not earlier
 * calls have finished, so latency is measured under a steady offered load (clients × 1000 /
 * intervalMs calls a second) instead of as fast as the server can go.
 */
export async function measurePaced(
  name: string,
  op: (client: number) => Promise<void>,
  options: PacedOptions,
): Promise<Result> {
  const latencies: number[] = [];
  const start = performance.now();
  const calls: Promise<void>[] = [];
  const spacing = options.intervalMs / options.clients;
  for (let t = 0; t < options.durationMs; t += options.intervalMs) {
    for (let client = 0; client < options.clients; client++) {
      const due = start + t + client * spacing;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const began = performance.now();
      calls.push(op(client).then(() => void latencies.push(performance.now() - began)));
    }
  }
  await Promise.all(calls);
  return summarize(name, options.clients, latencies, (performance.now() - start) / 1000);
}
