import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { addMonths, ManualClock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OutboxService } from '@app/notifications';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  sampleAnswer,
  sampleQuestions,
  type TestTenant,
} from '@app/testing';
import { type VendorDetails, VendorsModule, VendorsService } from '@app/vendors';
import { AssessmentsModule } from '../assessments.module.js';
import { AssessmentsService } from '../customer/assessments.service.js';
import { ReassessmentCycles } from '../customer/reassessment-cycles.service.js';
import { ReviewService } from '../customer/review.service.js';
import type { AssessmentEntity } from '../entities/assessment.entity.js';
import { AnsweringService } from '../respondent/answering.service.js';
import { InboxService } from '../respondent/inbox.service.js';
import { DailySweepJobs } from './daily-sweep.jobs.js';
import { DailySweep } from './daily-sweep.service.js';

const ADVISORY = { key: 'msp-advisory', version: '1.0.0', builtIn: true };

const vendorDetails = (name: string, tier: 1 | 4, ownerUserId: string): VendorDetails => ({
  name,
  domains: ['msp.example'],
  services: [{ name: 'Managed endpoints', inScope: true }],
  access: { remoteAccessTools: ['RMM'], privilegedAccounts: [], systems: [] },
  ownerUserId,
  contacts: [],
  tags: [],
  intake:
    tier === 1
      ? {
          dataAccess: 'confidential',
          privilegedAccess: 'domain_wide',
          businessImpact: 'high',
          substitutability: 'hard',
        }
      : {
          dataAccess: 'none',
          privilegedAccess: 'none',
          businessImpact: 'low',
          substitutability: 'easy',
        },
});

interface Mail {
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
}

describe('daily assessment sweep', () => {
  const clock = new ManualClock(new Date('2030-01-01T09:00:00Z'));
  let ctx: IntegrationContext;
  let sweep: DailySweep;
  let assessments: AssessmentsService;
  let msp: TestTenant;
  let publicUrl: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule], { clock });
    sweep = ctx.get(DailySweep);
    assessments = ctx.get(AssessmentsService);
    msp = await createTestTenant(ctx.app, 'Contoso MSP', { answersAssessments: true });
    publicUrl = ctx.app.get<AppConfig>(APP_CONFIG).publicUrl;
  });

  afterAll(() => ctx.close());

  const today = (date: string) => clock.set(`${date}T09:00:00Z`);
  const run = (who: TestTenant) => who.as(() => sweep.runForTenant());

  /** A customer whose vendors are owned by a colleague, not by the person who sends. */
  async function customerWithOwner(name: string) {
    const customer = await createTestTenant(ctx.app, name);
    const owner = await customer.addMember('admin');
    return { customer, owner };
  }

  async function sent(
    customer: TestTenant,
    ownerUserId: string,
    options: { title: string; dueOn: string; tier?: 1 | 4; to?: string[]; accept?: boolean },
  ): Promise<AssessmentEntity> {
    const vendor = await customer.as(() =>
      ctx
        .get(VendorsService)
        .create(vendorDetails(`${options.title} vendor`, options.tier ?? 4, ownerUserId)),
    );
    const draft = await customer.as(() =>
      assessments.create({
        vendorId: vendor.id,
        template: ADVISORY,
        dueOn: options.dueOn,
        title: options.title,
      }),
    );
    const sentOne = await customer.as(() => assessments.send(draft.id, options.to ?? [msp.email]));
    // Accepting links the vendor: the MSP can answer, and sees the vendor's later cycles.
    if (options.accept) await acceptLatestInvitation();
    return sentOne;
  }

  async function acceptLatestInvitation(): Promise<void> {
    const [row] = await ctx.dataSource.query<{ body_text: string }[]>(
      `SELECT body_text FROM outbox_messages WHERE recipient = $1 AND kind = 'assessment_invitation'
        ORDER BY created_at DESC LIMIT 1`,
      [msp.email],
    );
    const token = /token=([\w-]+)/.exec(row?.body_text ?? '')?.[1];
    if (!token) throw new Error('no invitation mailed to the MSP');
    await msp.as(() => ctx.get(InboxService).accept(token));
  }

  async function answerAndSubmit(id: string): Promise<void> {
    const content = await msp.as(() => ctx.get(InboxService).content(id));
    const saves = sampleQuestions(content.template).map((q) => ({
      questionId: q.id,
      expectedVersion: content.answers.get(q.id)?.version ?? 0,
      ...sampleAnswer(q),
    }));
    await msp.as(() => ctx.get(AnsweringService).saveMany(id, saves));
    await msp.as(() => ctx.get(AnsweringService).submit(id));
  }

  async function complete(customer: TestTenant, assessment: AssessmentEntity) {
    const review = ctx.get(ReviewService);
    await customer.as(() =>
      review.review(assessment.id, assessment.questionIds[0], 'accepted', null),
    );
    return customer.as(() => review.complete(assessment.id));
  }

  /** Mail of `kinds` written in the customer's tenant whose subject names `about`. */
  async function mails(
    customer: TestTenant,
    about: string,
    kinds = 'assessment_reminder%',
  ): Promise<Mail[]> {
    return ctx.dataSource.query<Mail[]>(
      `SELECT kind, recipient, subject, body_text FROM outbox_messages
        WHERE tenant_id = $1 AND kind LIKE $2 AND kind <> 'assessment_invitation'
          AND strpos(subject, $3) > 0
        ORDER BY kind, recipient`,
      [customer.tenant.id, kinds, about],
    );
  }

  const summary = (rows: Mail[]) => rows.map((m) => `${m.kind}>${m.recipient}`);

  async function reminderRows(assessmentId: string) {
    return ctx.dataSource.query<{ kind: string; due_on: string; recipients: number }[]>(
      `SELECT kind, due_on::text AS due_on, recipients FROM assessment_reminders
        WHERE assessment_id = $1 ORDER BY sent_at, kind`,
      [assessmentId],
    );
  }

  async function auditCount(customer: TestTenant, action: string): Promise<number> {
    const [row] = await ctx.dataSource.query<{ n: number | string }[]>(
      `SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1 AND action = $2`,
      [customer.tenant.id, action],
    );
    return Number(row.n);
  }

  describe('reminders', () => {
    it('reminds respondents a week before and after the due date, then escalates to the vendor owner, once each', async () => {
      today('2030-03-01');
      const { customer, owner } = await customerWithOwner('Northwind Reminders');
      const open = await sent(customer, owner.userId, {
        title: 'Open assessment',
        dueOn: '2030-03-20',
        to: [msp.email, 'Deputy@MSP.example', 'deputy@msp.example'],
      });
      const submitted = await sent(customer, owner.userId, {
        title: 'Submitted assessment',
        dueOn: '2030-03-20',
        accept: true,
      });
      const completed = await sent(customer, owner.userId, {
        title: 'Completed assessment',
        dueOn: '2030-03-20',
        accept: true,
      });
      await answerAndSubmit(submitted.id);
      await answerAndSubmit(completed.id);
      await complete(customer, completed);
      const respondents = ['deputy@msp.example', msp.email].sort();

      today('2030-03-12'); // 8 days before
      expect(await run(customer)).toMatchObject({ remindersSent: 0, failures: [] });
      expect(await mails(customer, 'Open assessment')).toEqual([]);

      today('2030-03-13'); // 7 days before
      expect(await run(customer)).toMatchObject({ remindersSent: 1, failures: [] });
      expect(await run(customer)).toMatchObject({ remindersSent: 0, failures: [] });
      const dueSoon = await mails(customer, 'Open assessment');
      expect(summary(dueSoon)).toEqual(respondents.map((r) => `assessment_reminder_due_soon>${r}`));
      expect(dueSoon[0].subject).toBe(
        'Reminder: "Open assessment" for Northwind Reminders is due in 7 days',
      );
      expect(dueSoon[0].body_text).toContain('due on Wednesday 20 March 2030, in 7 days');
      expect(dueSoon[0].body_text).toContain(`${publicUrl}/inbox`);

      today('2030-03-20'); // the due date: already reminded
      expect(await run(customer)).toMatchObject({ remindersSent: 0 });

      today('2030-03-21');
      await run(customer);
      await run(customer);
      const overdue = await mails(customer, 'Open assessment', 'assessment_reminder_overdue');
      expect(summary(overdue)).toEqual(respondents.map((r) => `assessment_reminder_overdue>${r}`));
      expect(overdue[0].subject).toBe(
        'Overdue: "Open assessment" for Northwind Reminders was due 1 day ago',
      );

      today('2030-03-26');
      expect(await run(customer)).toMatchObject({ remindersSent: 0 });
      today('2030-03-27'); // 7 days after
      expect(await run(customer)).toMatchObject({ remindersSent: 1 });
      await run(customer);
      const escalation = await mails(customer, 'Open assessment', 'assessment_reminder_escalation');
      expect(summary(escalation)).toEqual([`assessment_reminder_escalation>${owner.email}`]);
      expect(escalation[0].subject).toBe(
        'Open assessment vendor is 7 days late with "Open assessment"',
      );
      expect(escalation[0].body_text).toContain(`${publicUrl}/assessments/${open.id}`);
      expect(escalation[0].body_text).toContain('The vendor has not started answering it.');
      for (const r of respondents) expect(escalation[0].body_text).toContain(r);

      expect(await reminderRows(open.id)).toEqual([
        { kind: 'due_soon', due_on: '2030-03-20', recipients: 2 },
        { kind: 'overdue', due_on: '2030-03-20', recipients: 2 },
        { kind: 'escalation', due_on: '2030-03-20', recipients: 1 },
      ]);
      expect(await auditCount(customer, 'assessment.reminder_sent')).toBe(3);
      // Submitted and completed assessments owe nothing: no reminder at any point.
      expect(await reminderRows(submitted.id)).toEqual([]);
      expect(await reminderRows(completed.id)).toEqual([]);
      expect(await mails(customer, 'Submitted assessment')).toEqual([]);
      expect(await mails(customer, 'Completed assessment', 'assessment_reminder%')).toEqual([]);
    });

    it('sends nothing twice after a crash mid-run: the failed assessment’s row and mail roll back together', async () => {
      today('2030-04-01');
      const { customer, owner } = await customerWithOwner('Fabrikam Crash');
      const first = await sent(customer, owner.userId, {
        title: 'Crash first',
        dueOn: '2030-04-05',
        to: ['one@msp.example', 'two@msp.example'],
      });
      const second = await sent(customer, owner.userId, {
        title: 'Crash second',
        dueOn: '2030-04-05',
      });

      // The second mail of "Crash first" fails once, after its first mail was written.
      const outbox = ctx.get(OutboxService);
      const enqueue = outbox.enqueue.bind(outbox);
      let failures = 0;
      const spy = jest.spyOn(outbox, 'enqueue').mockImplementation((mail) => {
        if (mail.to === 'two@msp.example' && failures++ === 0) {
          return Promise.reject(new Error('mail store unavailable'));
        }
        return enqueue(mail);
      });
      try {
        await expect(customer.as(() => ctx.get(DailySweepJobs).sweepTenant())).rejects.toThrow(
          `reminder ${first.id}: mail store unavailable`,
        );
      } finally {
        spy.mockRestore();
      }
      expect(await reminderRows(first.id)).toEqual([]);
      expect(await mails(customer, 'Crash first')).toEqual([]);
      expect(summary(await mails(customer, 'Crash second'))).toEqual([
        `assessment_reminder_due_soon>${msp.email}`,
      ]);

      expect(await run(customer)).toEqual({
        today: '2030-04-01',
        cyclesStarted: 0,
        remindersSent: 1,
        acceptancesExpired: 0,
        overdueReminders: 0,
        failures: [],
      });
      expect(await run(customer)).toMatchObject({ remindersSent: 0, failures: [] });
      expect(summary(await mails(customer, 'Crash first'))).toEqual([
        'assessment_reminder_due_soon>one@msp.example',
        'assessment_reminder_due_soon>two@msp.example',
      ]);
      expect(await mails(customer, 'Crash second')).toHaveLength(1);
      expect(await reminderRows(second.id)).toHaveLength(1);
    });

    it('reminds only the tenant it runs for, and an MSP run touches no customer’s assessment', async () => {
      today('2030-05-01');
      const a = await customerWithOwner('Tenant A');
      const b = await customerWithOwner('Tenant B');
      const mine = await sent(a.customer, a.owner.userId, { title: 'A late', dueOn: '2030-05-02' });
      // B's assessment is addressed to the MSP, which can read it.
      const theirs = await sent(b.customer, b.owner.userId, {
        title: 'B late',
        dueOn: '2030-05-02',
        accept: true,
      });

      today('2030-05-20');
      expect(await run(a.customer)).toMatchObject({ remindersSent: 2 });
      expect(await run(msp)).toMatchObject({ remindersSent: 0, cyclesStarted: 0 });
      expect(await reminderRows(mine.id)).toHaveLength(2);
      expect(await reminderRows(theirs.id)).toEqual([]);
      expect(await mails(b.customer, 'B late')).toEqual([]);
      // It was owed all along: B's own run sends it.
      expect(await run(b.customer)).toMatchObject({ remindersSent: 2 });
      expect(await reminderRows(theirs.id)).toHaveLength(2);
    });
  });

  describe('reassessment cycles', () => {
    it('starts the next cycle of a tier-1 vendor after 6 months, sent to its MSP with the answers carried', async () => {
      today('2030-01-10');
      const { customer, owner } = await customerWithOwner('Northwind Cycles');
      const first = await sent(customer, owner.userId, {
        title: 'Annual review — Contoso',
        dueOn: '2030-02-10',
        tier: 1,
        accept: true,
      });
      await answerAndSubmit(first.id);
      const completed = await complete(customer, first);
      expect(completed.nextCycleOn).toBe(addMonths('2030-01-10', 6));

      today('2030-07-09');
      expect(await run(customer)).toMatchObject({ cyclesStarted: 0 });

      today('2030-07-10');
      // Two runs at once still start one cycle.
      const racing = await Promise.all([run(customer), run(customer)]);
      expect(racing.map((r) => r.cyclesStarted).sort()).toEqual([0, 1]);
      expect(await run(customer)).toMatchObject({ cyclesStarted: 0, failures: [] });

      const series = await customer.as(() =>
        assessments.list(10, undefined, { vendorId: first.vendorId }),
      );
      expect(series.assessments).toHaveLength(2);
      const next = series.assessments.find((a) => a.id !== first.id)!;
      expect(next).toMatchObject({
        title: 'Annual review — Contoso (2030-07-10 cycle)',
        state: 'sent',
        tier: 1,
        formId: first.formId,
        dueOn: '2030-08-09',
        previousAssessmentId: first.id,
        respondentTenantId: msp.tenant.id,
        questionIds: first.questionIds,
      });
      const timeline = await customer.as(() => assessments.timeline(next.id));
      expect(timeline.map((e) => `${e.fromState}>${e.toState}:${e.actorSide}`)).toEqual([
        'draft>sent:system',
      ]);

      // The MSP finds it in its inbox, every answer pre-filled and marked as carried.
      const content = await msp.as(() => ctx.get(InboxService).content(next.id));
      const before = await msp.as(() => ctx.get(InboxService).content(first.id));
      // Every answered question (the ones the answers hid took none).
      expect(content.answers.size).toBe(before.answers.size);
      expect(before.answers.size).toBeGreaterThan(first.questionIds.length - 10);
      expect([...content.answers.values()].filter((a) => a.notApplicableReason)).not.toEqual([]);
      for (const [questionId, answer] of content.answers) {
        const old = before.answers.get(questionId)!;
        expect(answer).toMatchObject({
          value: old.value,
          notApplicable: old.notApplicable,
          notApplicableReason: old.notApplicableReason,
          previousValue: old.value,
          previousNotApplicable: old.notApplicable,
          carried: true,
          version: 1,
          reviewStatus: 'pending',
          respondentTenantId: msp.tenant.id,
        });
      }
      // Saving over a carried answer is an ordinary save; the previous value stays to compare.
      const yesNo = content.template.families
        .flatMap((f) => f.questions)
        .find((q) => q.answer.type === 'yes_no' && !q.visibleWhen)!;
      const changed = await msp.as(() =>
        ctx.get(AnsweringService).save(next.id, {
          questionId: yesNo.id,
          expectedVersion: 1,
          value: 'no',
          notApplicable: false,
        }),
      );
      expect(changed).toMatchObject({ value: 'no', previousValue: 'yes', carried: false });

      const announced = await mails(customer, 'Annual review', 'assessment_cycle_%');
      expect(summary(announced)).toEqual([`assessment_cycle_sent>${msp.email}`]);
      expect(announced[0].body_text).toContain(
        `${before.answers.size} of its ${first.questionIds.length} questions are pre-filled`,
      );
      expect(announced[0].body_text).toContain(`${publicUrl}/inbox`);
      expect(await auditCount(customer, 'assessment.cycle_started')).toBe(1);
    });

    it('starts no cycle once the customer stops reassessing the tier; restarted, an unlinked vendor’s cycle waits as a draft', async () => {
      today('2030-01-10');
      const { customer, owner } = await customerWithOwner('Fabrikam Cycles');
      const first = await sent(customer, owner.userId, {
        title: 'Yearly check',
        dueOn: '2030-02-10',
        tier: 1,
        accept: true,
      });
      await answerAndSubmit(first.id);
      await complete(customer, first);
      const cycles = ctx.get(ReassessmentCycles);
      await customer.as(() => cycles.set(1, null));

      today('2030-08-01');
      expect(await run(customer)).toMatchObject({ cyclesStarted: 0, failures: [] });
      const series = () =>
        customer.as(() => assessments.list(10, undefined, { vendorId: first.vendorId }));
      expect((await series()).assessments).toHaveLength(1);

      // The vendor is no longer linked to an organization: the next cycle cannot be sent for it.
      await ctx.dataSource.query(`UPDATE vendors SET linked_tenant_id = NULL WHERE id = $1`, [
        first.vendorId,
      ]);
      await customer.as(() => cycles.set(1, 12));
      expect(await run(customer)).toMatchObject({ cyclesStarted: 1, failures: [] });
      const next = (await series()).assessments.find((a) => a.id !== first.id)!;
      expect(next).toMatchObject({
        state: 'draft',
        respondentTenantId: null,
        sentAt: null,
        previousAssessmentId: first.id,
        title: 'Yearly check (2030-07-10 cycle)',
      });
      const ready = await mails(customer, 'Yearly check vendor', 'assessment_cycle_%');
      expect(summary(ready)).toEqual([`assessment_cycle_ready>${owner.email}`]);
      expect(ready[0].subject).toBe('The next assessment of Yearly check vendor is ready to send');
      expect(ready[0].body_text).toContain(`${publicUrl}/assessments/${next.id}`);
    });
  });

  describe('scheduling', () => {
    it('schedules the daily fan-out and enqueues one sweep per tenant', async () => {
      const [schedule] = await ctx.dataSource.query<{ cron: string }[]>(
        `SELECT cron FROM pgboss.schedule WHERE name = 'assessments.daily-sweep'`,
      );
      expect(schedule).toEqual({ cron: '0 6 * * *' });
      await ctx.get(DailySweepJobs).fanOut();
      const jobs = await ctx.dataSource.query<{ tenant: string }[]>(
        `SELECT data->>'tenantId' AS tenant FROM pgboss.job WHERE name = 'assessments.tenant-sweep'`,
      );
      expect(jobs.map((j) => j.tenant)).toContain(msp.tenant.id);
      expect(new Set(jobs.map((j) => j.tenant)).size).toBe(jobs.length);
    });
  });
});
