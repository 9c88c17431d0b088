import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { PglitePool } from './pglite-pool.js';

export interface EmbeddedSource {
  /** A data folder (locked while open), or `memory://` for tests. */
  readonly dataDir: string;
  /** A dump of an already migrated database to start from (tests). */
  readonly loadDataDir?: Blob;
}

/** Parse values the way node-postgres does, so both modes hand TypeORM the same JS types. */
const PG_COMPATIBLE_PARSERS = {
  [types.INT8]: (value: string) => value,
  [types.NUMERIC]: (value: string) => value,
  [types.DATE]: (value: string) => value,
};

export async function openEmbeddedPool(source: EmbeddedSource): Promise<PglitePool> {
  const inMemory = source.dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(source.dataDir);
  try {
    const db = await PGlite.create({
      dataDir: inMemory ? source.dataDir : join(source.dataDir, 'pgdata'),
      loadDataDir: source.loadDataDir,
      parsers: PG_COMPATIBLE_PARSERS,
    });
    return new PglitePool(db, async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    });
  } catch (error) {
    unlock();
    throw error;
  }
}
