import { InvalidConfigError } from '@app/config';
import { DataDirLockedError, StaleSchemaError, UnsafeDatabaseError } from '@app/database';

/** Failures a person can fix get their message alone, not a stack trace. */
const EXPLAINED = [InvalidConfigError, DataDirLockedError, UnsafeDatabaseError, StaleSchemaError];

/** Runs an app's entry point: a clear message and exit code 1 when it cannot start. */
export function runMain(main: () => Promise<void>): void {
  process.on('unhandledRejection', (reason) => {
    console.error('Unhandled promise rejection', reason);
  });
  main().catch((error: unknown) => {
    if (EXPLAINED.some((type) => error instanceof type)) {
      console.error(`\n${(error as Error).message}\n`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
