import { createHash, randomUUID } from 'node:crypto';
import { RequestContext } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LIMITER_ROLE } from './database.constants.js';
import { NestedTransactionError, OPEN_TRANSACTION } from './open-transaction.js';
import { LIMITER_DATA_SOURCE } from './purpose-pools.js';
import { inlineParameters, sqlLiteral } from './inline-parameters.js';
import { runScopedRead } from './scoped-transaction.js';

/** A fixed-window counter: `limit` hits per `windowSeconds`, each call costing `cost` (default 1). */
export interface RateBucket {
  readonly key: string;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly cost?: number;
}

/** Why a call was refused: the bucket that ran out and when it starts afresh. */
export interface RateRefusal {
  readonly key: string;
  readonly retryAfterSeconds: number;
}

/** A single-flight lease: held until released, or until it expires if its holder died. */
export interface Lease {
  readonly key: string;
  readonly holder: string;
}

interface BucketRow {
  readonly i: number;
  readonly hits: number;
  readonly retry_ms: number;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** Expired rows are swept at most this often per process, inside a call it makes anyway. */
const SWEEP_EVERY_MS = 60_000;
/** A lease seen taken is taken as still taken for this long, without asking again. */
const BUSY_MEMORY_MS = 1_000;
/** Remembered refusals are pruned of expired ones past this many. */
const MEMORY_LIMIT = 10_000;
/** Counters stop growing here; the window still ends on time. */
const MAX_HITS = 1_000_000_000;

/** Keys name tenants, users and addresses: stored only as digests. */
const digest = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Rate limits and single-flight leases kept in PostgreSQL (`rate_limits`), so every API process
 * and worker shares them and they survive restarts. Each call is one message, one round trip, as
 * the limiter role, which can touch that table and nothing else. Never call it inside an open
 * transaction: on the embedded database it would wait for the session that transaction holds.
 */
@Injectable()
export class RateLimits {
  private lastSweep = 0;
  /**
   * Refusals this process has seen, until their window ends: a caller who keeps knocking is
   * answered without a round trip, so a flood of refused requests costs the database nothing.
   * (Only ever stricter than asking again: nothing but reset() shortens a window.)
   */
  private readonly refusedUntil = new Map<string, number>();

  constructor(
    // Its own pool on a server, logged in as the limiter role (see DatabaseModule).
    @Inject(LIMITER_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /**
   * Spends `cost` from each bucket in order; a bucket is only charged when every one before it
   * still had room, so a caller refused on its own limit does not drain its tenant's. Answers the
   * first refusal, if any.
   */
  async consume(buckets: readonly RateBucket[]): Promise<RateRefusal | undefined> {
    if (buckets.length === 0) return undefined;
    const remembered = this.rememberedRefusal(buckets.map((b) => b.key));
    if (remembered) return remembered;
    const ctes = buckets.map((bucket, i) => {
      const cost = bucket.cost ?? 1;
      const values = [digest(bucket.key), cost, bucket.windowSeconds].map(sqlLiteral);
      const previous = buckets[i - 1];
      const gate = previous
        ? `WHERE (SELECT hits FROM b${i - 1}) <= ${sqlLiteral(previous.limit)}::int`
        : '';
      return `b${i} AS (
        INSERT INTO rate_limits AS r (key, hits, window_ends_at)
        SELECT ${values[0]}, ${values[1]}::int, now() + make_interval(secs => ${values[2]}::int) ${gate}
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.window_ends_at <= now() THEN excluded.hits
                      ELSE LEAST(r.hits + excluded.hits, ${MAX_HITS}) END,
          window_ends_at = CASE WHEN r.window_ends_at <= now() THEN excluded.window_ends_at
                                ELSE r.window_ends_at END,
          holder = NULL
        RETURNING hits, window_ends_at)`;
    });
    const selects = buckets.map(
      (_, i) =>
        `SELECT ${i} AS i, hits, ceil(extract(epoch FROM window_ends_at - now()) * 1000)::int AS retry_ms FROM b${i}`,
    );
    const rows = await this.run<BucketRow>(
      `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL\n')}`,
    );
    for (const row of [...rows].sort((a, b) => Number(a.i) - Number(b.i))) {
      const bucket = buckets[Number(row.i)];
      if (Number(row.hits) > bucket.limit) {
        this.remember(bucket.key, Number(row.retry_ms));
        return { key: bucket.key, retryAfterSeconds: seconds(Number(row.retry_ms)) };
      }
    }
    return undefined;
  }

  /**
   * A refusal this process remembers for any of `keys`, without a round trip and without
   * charging anything (for a check before the caller is even authenticated).
   */
  remembered(keys: readonly string[]): RateRefusal | undefined {
    return this.rememberedRefusal(keys);
  }

  /** Remembers a refusal under another name too (e.g. the credential as the client sent it). */
  rememberAs(key: string, refusal: RateRefusal): void {
    this.remember(key, refusal.retryAfterSeconds * 1000);
  }

  /**
   * Gives back `cost` to a bucket in its current window (a sign-in that succeeded). Like reset(),
   * it takes effect at once here, and in other processes when a refusal they remember ends.
   */
  async giveBack(key: string, cost = 1): Promise<void> {
    this.refusedUntil.delete(key);
    await this.run(
      inlineParameters(
        `UPDATE rate_limits SET hits = GREATEST(hits - $2::int, 0)
          WHERE key = $1 AND window_ends_at > now()`,
        [digest(key), cost],
      ),
    );
  }

  /** Starts a bucket afresh. */
  async reset(key: string): Promise<void> {
    this.refusedUntil.delete(key);
    await this.run(inlineParameters(`DELETE FROM rate_limits WHERE key = $1`, [digest(key)]));
  }

  /**
   * Takes the lease `key` for at most `ttlSeconds`, or answers how long the current holder may
   * still keep it. Leases expire so that a crashed process cannot block the work for good.
   */
  async acquire(key: string, ttlSeconds: number): Promise<Lease | RateRefusal> {
    const remembered = this.rememberedRefusal([key]);
    if (remembered) return remembered;
    const holder = randomUUID();
    const [row] = await this.run<{ taken: number; retry_ms: number | null }>(
      inlineParameters(
        `WITH taken AS (
           INSERT INTO rate_limits AS r (key, hits, window_ends_at, holder)
           VALUES ($1, 1, now() + make_interval(secs => $2::int), $3)
           ON CONFLICT (key) DO UPDATE SET hits = 1, window_ends_at = excluded.window_ends_at,
                                           holder = excluded.holder
            WHERE r.window_ends_at <= now()
           RETURNING 1)
         SELECT (SELECT count(*) FROM taken)::int AS taken,
                (SELECT ceil(extract(epoch FROM window_ends_at - now()) * 1000)::int
                   FROM rate_limits WHERE key = $1) AS retry_ms`,
        [digest(key), ttlSeconds, holder],
      ),
    );
    if (Number(row.taken) === 1) return { key, holder };
    const retryMs = Number(row.retry_ms ?? 1000);
    // Its holder may finish early: remembered briefly only.
    this.remember(key, Math.min(BUSY_MEMORY_MS, retryMs));
    return { key, retryAfterSeconds: seconds(retryMs) };
  }

  /** Ends a lease, unless it expired and someone else holds it now. */
  async release(lease: Lease): Promise<void> {
    this.refusedUntil.delete(lease.key);
    await this.run(
      inlineParameters(`DELETE FROM rate_limits WHERE key = $1 AND holder = $2`, [
        digest(lease.key),
        lease.holder,
      ]),
    );
  }

  /** Runs `work` holding the lease `key`; `busy` builds the error when another holder has it. */
  async singleFlight<T>(
    key: string,
    ttlSeconds: number,
    busy: (refusal: RateRefusal) => Error,
    work: () => Promise<T>,
  ): Promise<T> {
    const lease = await this.acquire(key, ttlSeconds);
    if (!('holder' in lease)) throw busy(lease);
    try {
      return await work();
    } finally {
      await this.release(lease);
    }
  }

  private rememberedRefusal(keys: readonly string[]): RateRefusal | undefined {
    const now = Date.now();
    for (const key of keys) {
      const until = this.refusedUntil.get(key);
      if (until !== undefined && until > now) {
        return { key, retryAfterSeconds: seconds(until - now) };
      }
    }
    return undefined;
  }

  private remember(key: string, forMs: number): void {
    const now = Date.now();
    if (this.refusedUntil.size >= MEMORY_LIMIT) {
      for (const [old, until] of this.refusedUntil) if (until <= now) this.refusedUntil.delete(old);
    }
    this.refusedUntil.set(key, now + forMs);
  }

  private run<T>(sql: string): Promise<T[]> {
    if (this.context.get(OPEN_TRANSACTION)) throw new NestedTransactionError();
    const now = Date.now();
    let message = sql;
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      // Windows and leases that ended a minute ago can go; nothing reads them any more.
      message = `DELETE FROM rate_limits WHERE window_ends_at < now() - interval '1 minute'; ${sql}`;
    }
    return runScopedRead<T>(this.dataSource, { role: LIMITER_ROLE }, message);
  }
}
