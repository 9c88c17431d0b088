import { IdentityDatabase } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OutboxMessageEntity } from './entities/outbox-message.entity.js';
import { MailTransport } from './mail-transport.js';

export const DELIVER_MAIL = defineJob<{ messageId: string }>('mail.deliver', {
  retryLimit: 8,
  retryDelaySeconds: 30,
  retryDelayMaxSeconds: 3600,
});

/**
 * Delivers one outbox message, at most once: the message is claimed (pending → sending) and
 * committed before the SMTP call, so a retry or a second worker finds nothing to send. A crash
 * between the send and the final commit leaves it in 'sending' rather than risk a duplicate.
 */
@Injectable()
export class MailDeliveryJob implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly identity: IdentityDatabase,
    private readonly transport: MailTransport,
  ) {}

  onModuleInit(): void {
    this.queue.register(DELIVER_MAIL, ({ messageId }) => this.deliver(messageId));
  }

  async deliver(messageId: string): Promise<void> {
    const message = await this.identity.transaction(null, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({ status: 'sending', attempts: () => 'attempts + 1' })
        .where("id = :messageId AND status = 'pending'", { messageId })
        .returning(['recipient', 'subject', 'bodyText'])
        .execute();
      return (result.raw as { recipient: string; subject: string; body_text: string }[])[0];
    });
    if (!message) return;
    let outcome;
    try {
      outcome = await this.transport.deliver({
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
      });
    } catch (error) {
      await this.release(messageId, error instanceof Error ? error.message : String(error));
      throw error;
    }
    await this.identity.transaction(null, (manager) =>
      outcome === 'kept'
        ? manager.update(OutboxMessageEntity, { id: messageId }, { status: 'pending' })
        : manager.update(
            OutboxMessageEntity,
            { id: messageId },
            { status: 'sent', sentAt: new Date() },
          ),
    );
  }

  /** A failed attempt puts the message back for the queue's next retry. */
  private async release(messageId: string, error: string): Promise<void> {
    await this.identity.transaction(null, (manager) =>
      manager.update(
        OutboxMessageEntity,
        { id: messageId },
        { status: 'pending', lastError: error.slice(0, 500) },
      ),
    );
  }
}
