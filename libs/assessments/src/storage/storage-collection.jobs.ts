import { PlatformDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BlobCollector } from './blob-collector.service.js';

/** Sweeps the store (temporary and unclaimed files), then fans out one collection per tenant. */
export const COLLECT_STORED_EVIDENCE = defineJob<Record<string, never>>('evidence.collect');
/** Drops the ledger rows of the tenant the job carries that nothing names, and their files. */
export const COLLECT_TENANT_EVIDENCE = defineJob<Record<string, never>>('evidence.collect-tenant');

// Quiet hours, and after the 03:00 audit verification.
const DAILY_AT_0400_UTC = '0 4 * * *';

/** Daily garbage collection of evidence files: what failed uploads and removed rows leave. */
@Injectable()
export class StorageCollectionJobs implements OnModuleInit {
  private readonly logger = new Logger('EvidenceCollection');

  constructor(
    private readonly queue: JobQueue,
    private readonly platform: PlatformDatabase,
    private readonly collector: BlobCollector,
  ) {}

  onModuleInit(): void {
    this.queue.register(COLLECT_STORED_EVIDENCE, () => this.collectStore());
    this.queue.register(COLLECT_TENANT_EVIDENCE, () => this.collectTenant());
    this.queue.onStart(() => this.queue.schedule(COLLECT_STORED_EVIDENCE, DAILY_AT_0400_UTC, {}));
  }

  async collectStore(): Promise<void> {
    const result = await this.collector.collectStore();
    this.logger.log(
      `${result.temporaryFiles} temporary file(s) and ${result.orphanFiles} unclaimed file(s) removed`,
    );
    for (const tenantId of await this.platform.listTenantIds()) {
      await this.queue.sendAs(tenantId, COLLECT_TENANT_EVIDENCE, {}, { singletonKey: tenantId });
    }
  }

  async collectTenant(): Promise<void> {
    const result = await this.collector.collectTenant();
    this.logger.log(
      `${result.rowsRemoved} unused upload(s) released, ${result.filesRemoved} file(s) deleted`,
    );
  }
}
