import type { INestApplicationContext } from '@nestjs/common';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
/** Longer than pg-boss's own stop timeout, so running jobs get their chance to finish. */
const FORCE_EXIT_AFTER_MS = 30_000;

/**
 * Graceful shutdown: on SIGTERM or SIGINT, readiness turns 503, the HTTP server stops accepting,
 * in-flight GraphQL operations drain, running jobs finish, the database closes (PGlite flushes
 * and unlocks its folder), and the process exits 0. (Nest's own hooks re-raise the signal, so
 * the exit status would be the signal's, not 0.)
 */
export function closeOnSignals(app: INestApplicationContext): void {
  let closing = false;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      setTimeout(() => process.exit(1), FORCE_EXIT_AFTER_MS).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}
