import { PlatformDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DailySweep } from './daily-sweep.service.js';

/** Fans out one sweep per tenant; scheduled daily. */
export const ASSESSMENTS_DAILY_SWEEP = defineJob<Record<string, never>>('assessments.daily-sweep');
/** Sweeps the tenant the job carries: cycles, reminders, risk acceptances, overdue plans. */
export const ASSESSMENTS_TENANT_SWEEP = defineJob<Record<string, never>>(
  'assessments.tenant-sweep',
);

// Reminders speak in whole days: one run a day, early in the European morning. A missed run
// loses nothing: every reminder window and due cycle is still open the next day.
const DAILY_AT_0600_UTC = '0 6 * * *';
/** Each failure is logged in full; the job's error only names the first few. */
const MAX_FAILURES_SHOWN = 5;

@Injectable()
export class DailySweepJobs implements OnModuleInit {
  private readonly logger = new Logger('AssessmentsDailySweep');

  constructor(
    private readonly queue: JobQueue,
    private readonly platform: PlatformDatabase,
    private readonly sweep: DailySweep,
  ) {}

  onModuleInit(): void {
    this.queue.register(ASSESSMENTS_DAILY_SWEEP, () => this.fanOut());
    this.queue.register(ASSESSMENTS_TENANT_SWEEP, () => this.sweepTenant());
    this.queue.onStart(() => this.queue.schedule(ASSESSMENTS_DAILY_SWEEP, DAILY_AT_0600_UTC, {}));
  }

  async fanOut(): Promise<void> {
    for (const tenantId of await this.platform.listTenantIds()) {
      await this.queue.sendAs(tenantId, ASSESSMENTS_TENANT_SWEEP, {}, { singletonKey: tenantId });
    }
  }

  async sweepTenant(): Promise<void> {
    const report = await this.sweep.runForTenant();
    const summary =
      `${report.cyclesStarted} cycle(s) started, ${report.remindersSent} reminder(s) sent, ` +
      `${report.acceptancesExpired} risk acceptance(s) expired, ${report.overdueReminders} overdue plan(s) reminded for ${report.today}`;
    if (report.failures.length === 0) {
      this.logger.log(summary);
      return;
    }
    // Fail the job so the queue retries it with backoff: a rerun repeats nothing that committed.
    const shown = report.failures.slice(0, MAX_FAILURES_SHOWN);
    throw new Error(
      `${summary}; ${report.failures.length} step(s) failed: ${shown
        .map((f) => `${f.step} ${f.objectId}: ${f.message}`)
        .join('; ')}${report.failures.length > shown.length ? '; …' : ''}`,
    );
  }
}
