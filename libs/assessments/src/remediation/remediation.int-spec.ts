import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@app/common';
import { TenantDatabase } from '@app/database';
import {
  AssessmentFixtures,
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
} from '@app/testing';
import { VendorsModule } from '@app/vendors';
import { AssessmentsModule } from '../assessments.module.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentScoreEntity } from '../entities/assessment-score.entity.js';
import { FindingEntity } from '../entities/finding.entity.js';
import { FindingsService } from '../findings/findings.service.js';
import { LibraryService } from '../library/library.service.js';
import { DailySweep } from '../schedule/daily-sweep.service.js';
import { CustomerRemediationService } from './customer-remediation.service.js';
import { MspWorkspaceService } from './msp-workspace.service.js';
import { RemediationItemsService } from './remediation-items.service.js';

interface Shared {
  readonly customer: TestTenant;
  readonly assessmentId: string;
  readonly findingId: string;
}

describe('remediation across customer tenants', () => {
  const clock = new ManualClock(new Date('2030-01-01T09:00:00Z'));
  let ctx: IntegrationContext;
  let msp: TestTenant;
  let customers: TestTenant[];
  let shared: Shared[];
  let questionId: string;
  let findings: FindingsService;
  let judge: CustomerRemediationService;
  let workspace: MspWorkspaceService;
  let items: RemediationItemsService;

  /** A completed assessment whose first yes/no answer failed, and the finding it raised. */
  async function failing(customer: TestTenant, vendor: TestTenant): Promise<Shared> {
    const completed = await new AssessmentFixtures(ctx.app, customer, vendor).completedFailing();
    questionId = completed.questionId;
    const page = await customer.as(() => findings.list(100, undefined, {}));
    const finding = page.findings.find(
      (f) => f.assessmentId === completed.id && f.questionId === completed.questionId,
    );
    if (!finding) throw new Error('the failing answer raised no finding');
    return { customer, assessmentId: completed.id, findingId: finding.id };
  }

  const mails = (recipient: string, kind: string) =>
    ctx.dataSource.query<{ subject: string; body_text: string }[]>(
      `SELECT subject, body_text FROM outbox_messages WHERE recipient = $1 AND kind = $2`,
      [recipient, kind],
    );

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule], { clock });
    findings = ctx.get(FindingsService);
    judge = ctx.get(CustomerRemediationService);
    workspace = ctx.get(MspWorkspaceService);
    items = ctx.get(RemediationItemsService);
    msp = await createTestTenant(ctx.app, 'Remedy MSP', { answersAssessments: true });
    customers = [
      await createTestTenant(ctx.app, 'Remedy Customer A'),
      await createTestTenant(ctx.app, 'Remedy Customer B'),
      await createTestTenant(ctx.app, 'Remedy Customer C'),
    ];
    shared = [];
    for (const customer of customers) shared.push(await failing(customer, msp));
  }, 120_000);

  afterAll(() => ctx.close());

  it('shares each finding with the vendor’s MSP, which sees them grouped across customers', async () => {
    for (const { customer, findingId } of shared) {
      const found = await customer.as(() => findings.get(findingId));
      expect(found.shared).toBe(true);
    }
    const groups = await msp.as(() => workspace.groups('question', true));
    const group = groups.find((g) => g.key === questionId);
    expect(group).toMatchObject({ customers: 3, findings: 3, open: 3, uncovered: 3 });
    expect(groups[0]?.customers).toBe(3);
    const byControl = await msp.as(() => workspace.groups('control', true));
    expect(byControl.length).toBeGreaterThan(0);
    expect(byControl.every((g) => /^[\w.-]+:.+/.test(g.key))).toBe(true);
    const page = await msp.as(() => workspace.findings(10, undefined, { questionId }));
    expect(page.findings.map((f) => f.customerName).sort()).toEqual([
      'Remedy Customer A',
      'Remedy Customer B',
      'Remedy Customer C',
    ]);
  });

  it('walks one MSP item through plan, progress and resolution, and each customer judges alone', async () => {
    const item = await msp.as(() =>
      items.create({
        title: 'Enforce MFA on technician accounts',
        questionId,
        ownerUserId: msp.userId,
        dueOn: '2030-03-01',
        milestones: [{ title: 'Pilot', dueOn: '2030-02-01' }],
        findingIds: shared.map((s) => s.findingId),
      }),
    );
    for (const { customer, findingId } of shared) {
      const { finding } = await customer.as(() => findings.get(findingId));
      expect(finding).toMatchObject({ status: 'planned', planDueOn: '2030-03-01' });
      expect(finding.milestones).toEqual([{ title: 'Pilot', dueOn: '2030-02-01', doneOn: null }]);
    }
    await msp.as(() => items.post(item.id, 'Conditional access rolled out to 40%.', true));
    await msp.as(() =>
      items.resolve(item.id, 'MFA enforced everywhere.', { value: 'yes', notApplicable: false }),
    );
    const view = await msp.as(() => items.get(item.id));
    expect(view).toMatchObject({ customers: 3, statusCounts: { resolved: 3 } });
    // The MSP's answer library now holds the answer that is true after the fix.
    const kept = await msp.as(() => ctx.get(LibraryService).get(questionId));
    expect(kept).toMatchObject({
      value: 'yes',
      notApplicable: false,
      note: 'MFA enforced everywhere.',
    });

    // Each customer sees the MSP's words on its own finding, and nothing about the others.
    for (const { customer, findingId } of shared) {
      const updates = await customer.as(() => judge.updates(findingId));
      expect(updates.map((u) => [u.side, u.kind, u.toStatus])).toEqual([
        ['msp', 'plan', 'planned'],
        ['msp', 'progress', 'in_progress'],
        ['msp', 'resolved', 'resolved'],
      ]);
      const text = JSON.stringify(updates);
      for (const other of customers.filter((c) => c !== customer)) {
        expect(text).not.toContain(other.tenant.id);
        expect(text).not.toContain(other.tenant.name);
      }
    }

    const [a, b, c] = shared as [Shared, Shared, Shared];
    // A verifies: its assessment takes the new answer and is scored again; the old score stays.
    const before = await a.customer.as(() =>
      ctx
        .get(TenantDatabase)
        .transaction((m) =>
          m.findOneByOrFail(AssessmentScoreEntity, { assessmentId: a.assessmentId, current: true }),
        ),
    );
    await a.customer.as(() => judge.verify(a.findingId, 'Checked the conditional access policy.'));
    const [answer, scores] = await a.customer.as(() =>
      ctx
        .get(TenantDatabase)
        .transaction(async (m) => [
          await m.findOneByOrFail(AnswerEntity, { assessmentId: a.assessmentId, questionId }),
          await m.find(AssessmentScoreEntity, { where: { assessmentId: a.assessmentId } }),
        ]),
    );
    expect(answer).toMatchObject({ value: 'yes', reviewStatus: 'accepted' });
    expect(scores).toHaveLength(2);
    const after = scores.find((s) => s.current);
    expect(after?.overall).toBeGreaterThan(before.overall ?? 0);

    // B accepts the risk until 2030-01-10; the sweep of the 11th reopens it.
    const acceptance = await b.customer.as(() =>
      judge.acceptRisk(b.findingId, 'Compensating control: jump host.', '2030-01-10'),
    );
    expect(acceptance).toMatchObject({ approvedBy: b.customer.userId, endedAt: null });
    clock.set('2030-01-10T09:00:00Z');
    expect(await b.customer.as(() => ctx.get(DailySweep).runForTenant())).toMatchObject({
      acceptancesExpired: 0,
    });
    clock.set('2030-01-11T09:00:00Z');
    expect(await b.customer.as(() => ctx.get(DailySweep).runForTenant())).toMatchObject({
      acceptancesExpired: 1,
      failures: [],
    });
    const [[ended]] = await b.customer.as(() => judge.acceptancesOf([b.findingId]));
    expect(ended).toMatchObject({ endReason: 'expired' });

    // C reopens: not fixed for it.
    await c.customer.as(() =>
      judge.reopen(c.findingId, 'Two technicians still sign in without MFA.'),
    );

    const statuses = await Promise.all(
      shared.map(({ customer, findingId }) =>
        customer.as(async () => (await findings.get(findingId)).finding.status),
      ),
    );
    expect(statuses).toEqual(['verified', 'reopened', 'reopened']);
    const seen = await msp.as(() => items.get(item.id));
    expect(seen.statusCounts).toEqual({ verified: 1, reopened: 2 });
    // The MSP hears of each decision; only A's verification speaks of A.
    expect(await mails(msp.email, 'finding_verified')).toHaveLength(1);
    expect(await mails(msp.email, 'finding_reopened')).toHaveLength(2);
    clock.set('2030-01-01T09:00:00Z');
  });

  it('keeps each customer’s findings, acceptances and decisions from the others', async () => {
    const [a, b] = shared as [Shared, Shared, Shared];
    await expect(a.customer.as(() => findings.get(b.findingId))).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
    });
    await expect(a.customer.as(() => judge.updates(b.findingId))).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
    });
    await expect(a.customer.as(() => judge.verify(b.findingId, null))).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
    });
    const page = await a.customer.as(() => findings.list(100, undefined, {}));
    expect(page.findings.every((f) => f.tenantId === a.customer.tenant.id)).toBe(true);
    // A customer is nobody's MSP here: the workspace shows it nothing.
    expect(await a.customer.as(() => workspace.groups('question', false))).toEqual([]);
    const db = ctx.get(TenantDatabase);
    const counts = await a.customer.as(() =>
      db.transaction((m) =>
        m.query<{ table: string; n: number }[]>(
          `SELECT 'findings' AS table, count(*)::int AS n FROM findings WHERE tenant_id <> $1
           UNION ALL SELECT 'updates', count(*)::int FROM finding_updates WHERE tenant_id <> $1
           UNION ALL SELECT 'links', count(*)::int FROM finding_links WHERE tenant_id <> $1
           UNION ALL SELECT 'acceptances', count(*)::int FROM risk_acceptances
           UNION ALL SELECT 'items', count(*)::int FROM remediation_items`,
          [a.customer.tenant.id],
        ),
      ),
    );
    expect(counts).toEqual([
      { table: 'findings', n: 0 },
      { table: 'updates', n: 0 },
      { table: 'links', n: 0 },
      { table: 'acceptances', n: 0 },
      { table: 'items', n: 0 },
    ]);
  });

  it('lets another MSP see, link or move nothing', async () => {
    const rival = await createTestTenant(ctx.app, 'Rival MSP', { answersAssessments: true });
    expect(await rival.as(() => workspace.groups('question', false))).toEqual([]);
    await expect(rival.as(() => workspace.finding(shared[0].findingId))).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
    });
    await expect(
      msp.as(() =>
        items.create({
          title: 'Wrong question',
          questionId: 'NOT-THIS-ONE',
          ownerUserId: msp.userId,
          dueOn: '2030-03-01',
          findingIds: [shared[0].findingId],
        }),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_PLAN',
      message: expect.stringContaining('This item fixes NOT-THIS-ONE'),
    });
    await expect(
      rival.as(() =>
        items.create({
          title: 'Not mine',
          ownerUserId: rival.userId,
          dueOn: '2030-03-01',
          findingIds: [shared[0].findingId],
        }),
      ),
    ).rejects.toMatchObject({ code: 'FINDING_NOT_FOUND' });
    const db = ctx.get(TenantDatabase);
    const visible = await rival.as(() =>
      db.transaction((m) => m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM findings`)),
    );
    expect(visible).toEqual([{ n: 0 }]);
    await expect(msp.as(() => items.get(shared[0].findingId))).rejects.toMatchObject({
      code: 'REMEDIATION_ITEM_NOT_FOUND',
    });
  });

  it('holds the MSP to its share of a finding in SQL: no severity edits, no verifying', async () => {
    const fresh = await failing(customers[0], msp);
    const db = ctx.get(TenantDatabase);
    const key = { tenantId: fresh.customer.tenant.id, id: fresh.findingId };
    const attempt = (changes: Partial<FindingEntity>) =>
      msp.as(() => db.transaction((m) => m.update(FindingEntity, key, changes)));
    await expect(attempt({ severity: 'low' })).rejects.toThrow(/may not change this part/);
    await expect(attempt({ status: 'verified' })).rejects.toThrow(/may not move a finding/);
    await expect(attempt({ status: 'in_progress' })).resolves.toMatchObject({ affected: 1 });
    const inserted = msp.as(() =>
      db.transaction((m) =>
        m.query(
          `INSERT INTO finding_updates (tenant_id, id, finding_id, side, kind, created_at)
           VALUES ($1, gen_random_uuid(), $2, 'customer', 'verified', now())`,
          [fresh.customer.tenant.id, fresh.findingId],
        ),
      ),
    );
    await expect(inserted).rejects.toThrow(/row-level security/);
  });

  it('keeps a plan for a vendor not on Cascade, and reminds about overdue plans once', async () => {
    const fresh = await failing(customers[1], msp);
    // As if the vendor had answered offline: the customer shares nothing with an MSP.
    await ctx.dataSource.query(`DELETE FROM finding_links WHERE finding_id = $1`, [
      fresh.findingId,
    ]);
    const planned = await fresh.customer.as(() =>
      judge.plan(fresh.findingId, { owner: 'Pat at the vendor', dueOn: '2030-01-20' }),
    );
    expect(planned).toMatchObject({ status: 'planned', planOwner: 'Pat at the vendor' });
    await fresh.customer.as(() => judge.post(fresh.findingId, 'Vendor says done.', 'resolved'));
    await expect(
      fresh.customer.as(() => judge.plan(fresh.findingId, { owner: 'x', dueOn: '2029-01-01' })),
    ).rejects.toMatchObject({ code: 'INVALID_PLAN' });
    // A shared finding's plan is the vendor's to make.
    const linked = await failing(customers[1], msp);
    await expect(
      linked.customer.as(() => judge.plan(linked.findingId, { owner: 'x', dueOn: '2030-02-01' })),
    ).rejects.toMatchObject({ code: 'FINDING_MOVE_NOT_ALLOWED' });
    await expect(
      linked.customer.as(() => judge.post(linked.findingId, 'Fixed?', 'resolved')),
    ).rejects.toMatchObject({ code: 'FINDING_MOVE_NOT_ALLOWED' });

    const item = await msp.as(() =>
      items.create({
        title: 'Patch the RMM',
        ownerUserId: msp.userId,
        dueOn: '2030-01-15',
        findingIds: [linked.findingId],
      }),
    );
    clock.set('2030-01-16T09:00:00Z');
    const first = await linked.customer.as(() => ctx.get(DailySweep).runForTenant());
    expect(first.overdueReminders).toBeGreaterThanOrEqual(1);
    expect(await linked.customer.as(() => ctx.get(DailySweep).runForTenant())).toMatchObject({
      overdueReminders: 0,
    });
    expect(await msp.as(() => ctx.get(DailySweep).runForTenant())).toMatchObject({
      overdueReminders: 1,
    });
    expect(await msp.as(() => ctx.get(DailySweep).runForTenant())).toMatchObject({
      overdueReminders: 0,
    });
    const overdue = await mails(msp.email, 'remediation_overdue');
    expect(overdue.map((m) => m.subject)).toEqual([`Remediation overdue: ${item.title}`]);
    clock.set('2030-01-01T09:00:00Z');
  });
});
