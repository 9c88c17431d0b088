import { Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { ReassessmentSweep } from './reassessment-sweep.service.js';
import { ReminderSweep } from './reminder-sweep.service.js';
import type { SweepReport } from './sweep-report.js';

/** One tenant's scheduled assessment work: start the cycles that are due, then send reminders. */
@Injectable()
export class DailySweep {
  constructor(
    private readonly clock: Clock,
    private readonly reassessments: ReassessmentSweep,
    private readonly reminders: ReminderSweep,
  ) {}

  /** For the tenant in the current context. Safe to repeat: nothing is started or sent twice. */
  async runForTenant(): Promise<SweepReport> {
    // One date for the whole run, even if it crosses midnight.
    const today = this.clock.today();
    const cycles = await this.reassessments.run(today);
    const reminders = await this.reminders.run(today);
    return {
      today,
      cyclesStarted: cycles.done,
      remindersSent: reminders.done,
      failures: [...cycles.failures, ...reminders.failures],
    };
  }
}
