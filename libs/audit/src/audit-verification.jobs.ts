import { PlatformDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AuditVerifierService } from './audit-verifier.service.js';

/** Fans out one verification per tenant; scheduled daily. */
export const VERIFY_ALL_AUDIT_CHAINS = defineJob<Record<string, never>>('audit.verify-all');
/** Verifies the chain of the tenant the job carries. */
export const VERIFY_AUDIT_CHAIN = defineJob<Record<string, never>>('audit.verify');

const DAILY_AT_0300_UTC = '0 3 * * *';

/**
 * The audit trail is only tamper-evident if someone checks it: every tenant's chain is re-walked
 * daily, and a broken chain is logged as an error naming the tenant and the first broken event.
 */
@Injectable()
export class AuditVerificationJobs implements OnModuleInit {
  private readonly logger = new Logger('AuditVerification');

  constructor(
    private readonly queue: JobQueue,
    private readonly platform: PlatformDatabase,
    private readonly verifier: AuditVerifierService,
  ) {}

  onModuleInit(): void {
    this.queue.register(VERIFY_ALL_AUDIT_CHAINS, () => this.fanOut());
    this.queue.register(VERIFY_AUDIT_CHAIN, () => this.verifyOne());
    this.queue.onStart(() => this.queue.schedule(VERIFY_ALL_AUDIT_CHAINS, DAILY_AT_0300_UTC, {}));
  }

  async fanOut(): Promise<void> {
    for (const tenantId of await this.platform.listTenantIds()) {
      await this.queue.sendAs(tenantId, VERIFY_AUDIT_CHAIN, {}, { singletonKey: tenantId });
    }
  }

  async verifyOne(): Promise<void> {
    const result = await this.verifier.verify();
    if (result.valid) {
      this.logger.log(`audit chain verified: ${result.eventsChecked} events`);
    } else {
      // Retrying cannot repair a chain: report it and finish.
      this.logger.error(
        `audit chain is broken at event ${result.firstBrokenSeq}: ${result.problem}`,
      );
    }
  }
}
