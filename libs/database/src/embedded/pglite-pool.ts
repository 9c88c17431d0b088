import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';

/** The subset of a node-postgres result that TypeORM and pg-boss read. */
export interface PgLikeResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  command?: string;
}

/**
 * One "connection" of the pool. PGlite has a single session, so whoever holds a connection holds
 * the whole database until it releases it: transactions can never interleave.
 */
export class PgliteConnection extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    if (params && params.length > 0) return toPgResult(await this.db.query(sql, params));
    // Parameterless SQL may hold several statements (migrations, pg-boss): that needs exec().
    const results = await this.db.exec(sql);
    return toPgResult(results[results.length - 1]);
  }
}

function toPgResult(result: Results | undefined): PgLikeResult {
  if (!result) return { rows: [], rowCount: 0 };
  return {
    rows: result.rows,
    rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
    command: result.command,
  };
}

type ConnectCallback = (
  error: Error | undefined,
  connection?: PgliteConnection,
  release?: (error?: unknown) => void,
) => void;

/**
 * A pg-style pool over one PGlite instance, handed to TypeORM as its `driver`. `connect()` takes a
 * mutex and `release()` frees it. (typeorm-pglite shares one session without a lock, so concurrent
 * transactions interleave and run under each other's tenant: see shared/STACK.md.)
 */
export class PglitePool extends EventEmitter {
  private readonly mutex = new Mutex();
  private readonly connection: PgliteConnection;
  private ended = false;

  constructor(
    readonly db: PGlite,
    private readonly onEnd: () => Promise<void>,
  ) {
    super();
    this.connection = new PgliteConnection(db);
  }

  connect(): Promise<[PgliteConnection, () => void]>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<[PgliteConnection, () => void]> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      ([connection, release]) => callback(undefined, connection, release),
      (error: Error) => callback(error),
    );
  }

  /** Runs `fn` holding the single session: for adapters outside TypeORM (pg-boss). */
  async withConnection<T>(fn: (connection: PgliteConnection) => Promise<T>): Promise<T> {
    const [connection, release] = await this.acquire();
    try {
      return await fn(connection);
    } finally {
      release();
    }
  }

  end(callback?: (error?: Error) => void): Promise<void> {
    const ending = this.close();
    if (callback)
      ending.then(
        () => callback(),
        (error: Error) => callback(error),
      );
    return ending;
  }

  private async acquire(): Promise<[PgliteConnection, () => void]> {
    if (this.ended) throw new Error('The embedded database is closed.');
    // PGlite answers without real I/O, so a chain of transactions (a long walk in batches) would
    // otherwise run from one microtask to the next and starve every incoming request: let the
    // event loop take its turn before each session is handed out.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const unlock = await this.mutex.acquire();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      unlock();
    };
    return [this.connection, release];
  }

  private async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    // Wait for the current holder, so the data folder is closed after its last commit.
    await this.mutex.waitForUnlock();
    await this.onEnd();
  }
}

/** What TypeORM's postgres driver expects as `driver`: an object with a `Pool` constructor. */
export function pgliteDriver(pool: PglitePool): { Pool: new () => PglitePool } {
  // A constructor that returns an object makes `new` yield that object.
  const Pool = function BoundPglitePool() {
    return pool;
  } as unknown as new () => PglitePool;
  return { Pool };
}
