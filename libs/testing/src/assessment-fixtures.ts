import {
  AnsweringService,
  AssessmentsService,
  InboxService,
  ReviewService,
} from '@app/assessments';
import type { TestTenant } from './tenant-factory.js';
import { VendorsService } from '@app/vendors';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ownerDataSourceOf } from './owner-data-source.js';
import { sampleAnswer, sampleQuestions } from './sample-answers.js';

export const ADVISORY = { key: 'msp-advisory', version: '1.0.0', builtIn: true } as const;
export const DUE_ON = '2030-06-30';

/** The low-risk intake (tier 4), so an assessment asks the fewest questions. */
export const LOW_RISK_INTAKE = {
  dataAccess: 'none',
  privilegedAccess: 'none',
  businessImpact: 'low',
  substitutability: 'easy',
} as const;

/** The newest invitation token mailed to `email` (read from the outbox, as a mail would carry it). */
export async function invitationTokenFor(
  app: INestApplicationContext,
  email: string,
): Promise<string> {
  const rows = await ownerDataSourceOf(app).query<{ body_text: string }[]>(
    `SELECT body_text FROM outbox_messages
      WHERE recipient = $1 AND kind = 'assessment_invitation'
      ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const token = /token=([\w-]+)/.exec(rows[0]?.body_text ?? '')?.[1];
  if (!token) throw new Error(`no assessment invitation was mailed to ${email}`);
  return token;
}

/**
 * Assessments between a customer and an MSP, built through the services: the same code paths
 * the API uses, without making every test walk the whole story over HTTP.
 */
export class AssessmentFixtures {
  private vendorId?: string;

  constructor(
    private readonly app: INestApplicationContext,
    readonly customer: TestTenant,
    readonly msp: TestTenant,
  ) {}

  /** The MSP in the customer's inventory, linked on the first acceptance. */
  async vendor(): Promise<string> {
    this.vendorId ??= (
      await this.customer.as(() =>
        this.app.get(VendorsService).create({
          name: `${this.msp.tenant.name} ${randomUUID().slice(0, 6)}`,
          domains: [],
          services: [],
          access: { remoteAccessTools: [], privilegedAccounts: [], systems: [] },
          ownerUserId: this.customer.userId,
          contacts: [],
          tags: [],
          intake: LOW_RISK_INTAKE,
        }),
      )
    ).id;
    return this.vendorId;
  }

  async draft(): Promise<string> {
    const vendorId = await this.vendor();
    const created = await this.customer.as(() =>
      this.app.get(AssessmentsService).create({ vendorId, template: ADVISORY, dueOn: DUE_ON }),
    );
    return created.id;
  }

  /** Sent and in the MSP's inbox (the MSP accepts the invitation). */
  async sent(): Promise<string> {
    const id = await this.draft();
    await this.customer.as(() => this.app.get(AssessmentsService).send(id, [this.msp.email]));
    const token = await invitationTokenFor(this.app, this.msp.email);
    await this.msp.as(() => this.app.get(InboxService).accept(token));
    return id;
  }

  /** Every question the sample answers show answered with a sample answer. */
  async answered(): Promise<string> {
    const id = await this.sent();
    const content = await this.msp.as(() => this.app.get(InboxService).content(id));
    const questions = sampleQuestions(content.template);
    await this.msp.as(() =>
      this.app.get(AnsweringService).saveMany(
        id,
        questions.map((q) => ({ questionId: q.id, expectedVersion: 0, ...sampleAnswer(q) })),
      ),
    );
    return id;
  }

  async submitted(): Promise<string> {
    const id = await this.answered();
    await this.msp.as(() => this.app.get(AnsweringService).submit(id));
    return id;
  }

  /**
   * Completed, with its first yes/no question answered "no": below its pass level, so the
   * completion raises a finding on it (and the MSP sees it, as the vendor).
   */
  async completedFailing(): Promise<{ id: string; questionId: string }> {
    const id = await this.answered();
    const content = await this.msp.as(() => this.app.get(InboxService).content(id));
    const question = content.template.families
      .flatMap((f) => f.questions)
      .find((q) => q.answer.type === 'yes_no' && !q.visibleWhen);
    if (!question) throw new Error('the template has no unconditional yes/no question');
    await this.msp.as(() =>
      this.app
        .get(AnsweringService)
        .saveMany(id, [
          { questionId: question.id, expectedVersion: 1, value: 'no', notApplicable: false },
        ]),
    );
    await this.msp.as(() => this.app.get(AnsweringService).submit(id));
    const review = this.app.get(ReviewService);
    await this.customer.as(() => review.review(id, question.id, 'accepted', null));
    await this.customer.as(() => review.complete(id));
    return { id, questionId: question.id };
  }

  /** In review, with its first question flagged (or accepted). */
  async inReview(decision: 'flagged' | 'accepted'): Promise<{ id: string; questionId: string }> {
    const id = await this.submitted();
    const assessment = await this.customer.as(() => this.app.get(AssessmentsService).get(id));
    const questionId = assessment.questionIds[0];
    await this.customer.as(() =>
      this.app
        .get(ReviewService)
        .review(id, questionId, decision, decision === 'flagged' ? 'Please name the tool.' : null),
    );
    return { id, questionId };
  }
}
