import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { TenantDatabase } from '@app/database';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
  testConfig,
} from '@app/testing';
import { OutboxMessageEntity } from './entities/outbox-message.entity.js';
import { MailDeliveryJob } from './mail-delivery.job.js';
import { NotificationsModule } from './notifications.module.js';
import { OutboxService } from './outbox.service.js';

/** Reads the outbox as the database owner: the app role cannot read mail back. */
async function stored(ctx: IntegrationContext, id: string): Promise<OutboxMessageEntity> {
  return ctx.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ id });
}

describe('mail outbox', () => {
  describe('without SMTP (development)', () => {
    let ctx: IntegrationContext;
    let tenant: TestTenant;

    beforeAll(async () => {
      ctx = await createIntegrationContext([NotificationsModule]);
      tenant = await createTestTenant(ctx.app);
    });

    afterAll(() => ctx.close());

    const mail = { kind: 'test', to: 'someone@example.test', subject: 'Hello', text: 'Body' };

    it('writes mail with its delivery job in the caller’s transaction', async () => {
      const db = ctx.get(TenantDatabase);
      let rolledBack = '';
      await expect(
        tenant.as(() =>
          db.transaction(async () => {
            rolledBack = await ctx.get(OutboxService).enqueue(mail);
            throw new Error('the change failed');
          }),
        ),
      ).rejects.toThrow('the change failed');
      const kept = await ctx.dataSource.query<unknown[]>(
        `SELECT 1 FROM outbox_messages WHERE id::text = $1 UNION ALL
         SELECT 1 FROM pgboss.job WHERE name = 'mail.deliver' AND data->'data'->>'messageId' = $1`,
        [rolledBack],
      );
      expect(kept).toEqual([]);
    });

    it('delivers once (to the log) and never again on a retry', async () => {
      const id = await tenant.as(() => ctx.get(OutboxService).enqueue(mail));
      expect(await stored(ctx, id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        tenantId: tenant.tenant.id,
      });
      const job = ctx.get(MailDeliveryJob);
      await job.deliver(id);
      const sent = await stored(ctx, id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sent.sentAt).toBeInstanceOf(Date);
      await job.deliver(id);
      expect(await stored(ctx, id)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('lets a tenant add mail only for itself, and read none back', async () => {
      const other = await createTestTenant(ctx.app);
      const db = ctx.get(TenantDatabase);
      await expect(
        tenant.as(() =>
          db.transaction((m) =>
            m.query(
              `INSERT INTO outbox_messages (id, tenant_id, kind, recipient, subject, body_text, created_at)
               VALUES (gen_random_uuid(), $1, 'x', 'a@b.c', 's', 't', now())`,
              [other.tenant.id],
            ),
          ),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        tenant.as(() => db.transaction((m) => m.query('SELECT * FROM outbox_messages'))),
      ).rejects.toThrow(/permission denied/);
    });
  });

  describe('with an SMTP server that is down', () => {
    let ctx: IntegrationContext;
    let closedPort: number;
    let server: Server;

    beforeAll(async () => {
      // A port that accepts nothing: bind, note it, close.
      server = createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      closedPort = (server.address() as { port: number }).port;
      server.close();
      ctx = await createIntegrationContext([NotificationsModule], {
        config: testConfig({ SMTP_URL: `smtp://127.0.0.1:${closedPort}` }),
      });
    });

    afterAll(() => ctx.close());

    it('puts the mail back for the next retry, with the reason', async () => {
      const tenant = await createTestTenant(ctx.app);
      const id = await tenant.as(() =>
        ctx
          .get(OutboxService)
          .enqueue({ kind: 'test', to: 'x@example.test', subject: 'S', text: 'T' }),
      );
      await expect(ctx.get(MailDeliveryJob).deliver(id)).rejects.toThrow();
      const message = await stored(ctx, id);
      expect(message).toMatchObject({ status: 'pending', attempts: 1 });
      expect(message.lastError).toMatch(/ECONNREFUSED|connect/i);
    });
  });
});
