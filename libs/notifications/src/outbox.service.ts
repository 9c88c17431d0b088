import { randomUUID } from 'node:crypto';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { JobQueue } from '@app/jobs';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DELIVER_MAIL } from './mail-delivery.job.js';

export interface MailToSend {
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Writes mail in the caller's tenant transaction, with the job that delivers it: both exist only
 * if the change that caused them commits.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly queue: JobQueue,
  ) {}

  enqueue(mail: MailToSend): Promise<string> {
    return this.db.transaction((manager) => this.write(manager, this.context.tenantId, mail));
  }

  /**
   * Mail about a person rather than an organization (a password reset), written inside the
   * caller's open identity transaction.
   */
  enqueueForPerson(manager: EntityManager, mail: MailToSend): Promise<string> {
    return this.write(manager, null, mail);
  }

  private async write(manager: EntityManager, tenantId: string | null, mail: MailToSend) {
    const id = randomUUID();
    // Plain INSERT: the app role may add mail but not read it back.
    await manager.query(
      `INSERT INTO outbox_messages (id, tenant_id, kind, recipient, subject, body_text, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [id, tenantId, mail.kind, mail.to, mail.subject, mail.text],
    );
    await this.queue.send(DELIVER_MAIL, { messageId: id });
    return id;
  }
}
