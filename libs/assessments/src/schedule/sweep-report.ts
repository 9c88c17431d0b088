import type { Logger } from '@nestjs/common';

export type SweepStep = 'reassessment' | 'reminder';

export interface SweepFailure {
  readonly step: SweepStep;
  readonly assessmentId: string;
  readonly message: string;
}

export interface SweepReport {
  /** The day the run acted for, read once from the clock. */
  readonly today: string;
  readonly cyclesStarted: number;
  readonly remindersSent: number;
  /** Assessments whose work rolled back; a rerun retries them and repeats nothing. */
  readonly failures: readonly SweepFailure[];
}

export interface StepResult {
  readonly done: number;
  readonly failures: SweepFailure[];
}

/**
 * Runs `work` for each assessment in a transaction of its own, so one that fails (and rolls back)
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
      logger.error(`${step} for assessment ${id} failed: ${message}`, (error as Error).stack);
      failures.push({ step, assessmentId: id, message });
    }
  }
  return { done, failures };
}
