import { Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { ReassessmentSweep } from './reassessment-sweep.service.js';
import { RemediationSweep } from './remediation-sweep.service.js';
import { ReminderSweep } from './reminder-sweep.service.js';
import type { SweepReport } from './sweep-report.js';

/**
 * One tenant's scheduled work: start the cycles that are due, send reminders, end risk
 * acceptances that ran out, and remind the owners of overdue remediation.
 */
@Injectable()
export class DailySweep {
  constructor(
    private readonly clock: Clock,
    private readonly reassessments: ReassessmentSweep,
    private readonly reminders: ReminderSweep,
    private readonly remediation: RemediationSweep,
  ) {}

  /** For the tenant in the current context. Safe to repeat: nothing is started or sent twice. */
  async runForTenant(): Promise<SweepReport> {
    // One date for the whole run, even if it crosses midnight.
    const today = this.clock.today();
    const cycles = await this.reassessments.run(today);
    const reminders = await this.reminders.run(today);
    const expired = await this.remediation.expireAcceptances(today);
    const findings = await this.remediation.remindOverdueFindings(today);
    const items = await this.remediation.remindOverdueItems(today);
    return {
      today,
      cyclesStarted: cycles.done,
      remindersSent: reminders.done,
      acceptancesExpired: expired.done,
      overdueReminders: findings.done + items.done,
      failures: [cycles, reminders, expired, findings, items].flatMap((step) => step.failures),
    };
  }
}
