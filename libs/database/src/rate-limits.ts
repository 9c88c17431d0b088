import { createHash, randomUUID } from 'node:crypto';
import { RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LIMITER_ROLE } from './database.constants.js';
import { NestedTransactionError, OPEN_TRANSACTION } from './open-transaction.js';
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
  readonly retry: number;
}

/** Expired rows are swept at most this often per process, inside a call it makes anyway. */
const SWEEP_EVERY_MS = 60_000;
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /**
   * Spends `cost` from each bucket in order; a bucket is only charged when every one before it
   * still had room, so a caller refused on its own limit does not drain its tenant's. Answers the
   * first refusal, if any.
   */
  async consume(buckets: readonly RateBucket[]): Promise<RateRefusal | undefined> {
    if (buckets.length === 0) return undefined;
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
        `SELECT ${i} AS i, hits, ceil(extract(epoch FROM window_ends_at - now()))::int AS retry FROM b${i}`,
    );
    const rows = await this.run<BucketRow>(
      `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL\n')}`,
    );
    for (const row of [...rows].sort((a, b) => Number(a.i) - Number(b.i))) {
      const bucket = buckets[Number(row.i)];
      if (Number(row.hits) > bucket.limit) {
        return { key: bucket.key, retryAfterSeconds: Math.max(1, Number(row.retry)) };
      }
    }
    return undefined;
  }

  /** Gives back `cost` to a bucket in its current window (a sign-in that succeeded). */
  async giveBack(key: string, cost = 1): Promise<void> {
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
    await this.run(inlineParameters(`DELETE FROM rate_limits WHERE key = $1`, [digest(key)]));
  }

  /**
   * Takes the lease `key` for at most `ttlSeconds`, or answers how long the current holder may
   * still keep it. Leases expire so that a crashed process cannot block the work for good.
   */
  async acquire(key: string, ttlSeconds: number): Promise<Lease | RateRefusal> {
    const holder = randomUUID();
    const [row] = await this.run<{ taken: number; retry: number | null }>(
      inlineParameters(
        `WITH taken AS (
           INSERT INTO rate_limits AS r (key, hits, window_ends_at, holder)
           VALUES ($1, 1, now() + make_interval(secs => $2::int), $3)
           ON CONFLICT (key) DO UPDATE SET hits = 1, window_ends_at = excluded.window_ends_at,
                                           holder = excluded.holder
            WHERE r.window_ends_at <= now()
           RETURNING 1)
         SELECT (SELECT count(*) FROM taken)::int AS taken,
                (SELECT ceil(extract(epoch FROM window_ends_at - now()))::int
                   FROM rate_limits WHERE key = $1) AS retry`,
        [digest(key), ttlSeconds, holder],
      ),
    );
    if (Number(row.taken) === 1) return { key, holder };
    return { key, retryAfterSeconds: Math.max(1, Number(row.retry ?? 1)) };
  }

  /** Ends a lease, unless it expired and someone else holds it now. */
  async release(lease: Lease): Promise<void> {
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
