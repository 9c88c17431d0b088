import type { Logger } from '@nestjs/common';

export type SweepStep =
  'reassessment' | 'reminder' | 'acceptance_expiry' | 'finding_overdue' | 'remediation_overdue';

export interface SweepFailure {
  readonly step: SweepStep;
  /** The assessment, acceptance, finding or remediation item the step was working on. */
  readonly objectId: string;
  readonly message: string;
}

export interface SweepReport {
  /** The day the run acted for, read once from the clock. */
  readonly today: string;
  readonly cyclesStarted: number;
  readonly remindersSent: number;
  /** Risk acceptances that expired, reopening their findings. */
  readonly acceptancesExpired: number;
  /** Overdue remediation plans and items whose owners were reminded. */
  readonly overdueReminders: number;
  /** Work that rolled back; a rerun retries it and repeats nothing. */
  readonly failures: readonly SweepFailure[];
}

export interface StepResult {
  readonly done: number;
  readonly failures: SweepFailure[];
}

/**
 * Runs `work` for each object in a transaction of its own, so one that fails (and rolls back)
 * neither stops the others nor undoes what they committed.
 */
export async function sweepEach(
  step: SweepStep,
  ids: readonly string[],
  logger: Logger,
  work: (id: string) => Promise<number>,
): Promise<StepResult> {
  let done = 0;
  const failures: SweepFailure[] = [];
  for (const id of ids) {
    try {
      done += await work(id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`${step} for ${id} failed: ${message}`, (error as Error).stack);
      failures.push({ step, objectId: id, message });
    }
  }
  return { done, failures };
}
