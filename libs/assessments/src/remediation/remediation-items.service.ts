import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import type { Question } from '@app/catalog';
import { Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { MembershipEntity, UserEntity } from '@app/identity';
import { JobQueue } from '@app/jobs';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { type AnswerInput, checkAnswer } from '../answers/answer-value.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import type { FindingEntity, ResolvedAnswer } from '../entities/finding.entity.js';
import { FindingEntity as Finding } from '../entities/finding.entity.js';
import {
  RemediationItemEntity,
  type RemediationState,
} from '../entities/remediation-item.entity.js';
import { NOTIFY_FINDING, type FindingEvent } from '../notifications/notify-finding.job.js';
import { FormCache } from '../shared/form-cache.js';
import { cleanText } from '../shared/text.js';
import { changeFinding, type FindingChange } from './finding-history.js';
import { WORKABLE } from './finding-states.js';
import { LibraryService } from '../library/library.service.js';
import { RemediationEvidenceService } from './remediation-evidence.service.js';
import { checkPlan, type PlanInput } from './remediation-plan.js';
import {
  FindingsNotLinkableError,
  InvalidPlanError,
  RemediationItemClosedError,
  RemediationItemNotFoundError,
} from './remediation.errors.js';

export const MAX_FINDINGS_PER_LINK = 200;

export interface NewRemediationItem extends PlanInput {
  readonly title: string;
  readonly description?: string | null;
  readonly questionId?: string | null;
  readonly ownerUserId: string;
  readonly findingIds: readonly string[];
}

export interface RemediationItemView {
  readonly item: RemediationItemEntity;
  /** The findings it covers, by status: the MSP's own tally across its customers. */
  readonly statusCounts: Record<string, number>;
  readonly customers: number;
}

/**
 * The MSP's remediation items: one plan and one stream of progress for a gap many customers
 * found. Every change is written once to the item and once to each linked customer's finding,
 * in the customer's tenant, where only that customer reads it.
 */
@Injectable()
export class RemediationItemsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
    private readonly forms: FormCache,
    private readonly evidence: RemediationEvidenceService,
    private readonly library: LibraryService,
  ) {}

  async create(input: NewRemediationItem): Promise<RemediationItemEntity> {
    const title = cleanText(input.title, 'The title', { max: 300 });
    const description = input.description ? cleanText(input.description, 'The description') : null;
    const plan = checkPlan(input, this.clock.today());
    checkFindingCount(input.findingIds);
    return this.db.transaction(async (manager) => {
      // `attach` checks the findings first, then the owner: a stranger learns nothing else.
      const item = manager.create(RemediationItemEntity, {
        tenantId: this.context.tenantId,
        id: randomUUID(),
        title,
        description,
        questionId: input.questionId ?? null,
        ownerUserId: input.ownerUserId,
        dueOn: plan.dueOn,
        milestones: plan.milestones,
        state: 'planned',
        resolvedAnswer: null,
        createdBy: this.context.userId,
        createdAt: this.clock.now(),
        resolvedAt: null,
        overdueRemindedFor: null,
      });
      await manager.insert(RemediationItemEntity, item);
      await this.attach(manager, item, input.findingIds);
      await this.record('remediation.created', item, { findings: input.findingIds.length });
      return item;
    });
  }

  async link(itemId: string, findingIds: readonly string[]): Promise<RemediationItemEntity> {
    checkFindingCount(findingIds);
    return this.db.transaction(async (manager) => {
      const item = await this.open(manager, itemId);
      await this.attach(manager, item, findingIds);
      await this.record('remediation.linked', item, { findings: findingIds.length });
      return item;
    });
  }

  async replan(
    itemId: string,
    input: PlanInput & { ownerUserId?: string },
  ): Promise<RemediationItemEntity> {
    const plan = checkPlan(input, this.clock.today());
    return this.db.transaction(async (manager) => {
      const item = await this.open(manager, itemId);
      const ownerUserId = input.ownerUserId ?? item.ownerUserId;
      const owner = await this.owner(manager, ownerUserId);
      const changes = { ownerUserId, dueOn: plan.dueOn, milestones: plan.milestones };
      await manager.update(
        RemediationItemEntity,
        { tenantId: item.tenantId, id: item.id },
        changes,
      );
      const updated = Object.assign(new RemediationItemEntity(), item, changes);
      await this.fanOut(manager, updated, 'vendor_update', (finding) =>
        WORKABLE.includes(finding.status)
          ? {
              kind: 'plan',
              text: planText(owner, plan.dueOn, plan.milestones.length),
              also: { planOwner: owner, planDueOn: plan.dueOn, milestones: plan.milestones },
            }
          : null,
      );
      await this.record('remediation.replanned', updated, { dueOn: plan.dueOn });
      return updated;
    });
  }

  /**
   * Progress posted once, shown on every linked finding, with files uploaded to the item;
   * `started` moves the findings in progress.
   */
  async post(
    itemId: string,
    text: string,
    started: boolean,
    evidenceIds: readonly string[] = [],
  ): Promise<RemediationItemEntity> {
    const note = cleanText(text, 'The update');
    return this.db.transaction(async (manager) => {
      const item = await this.open(manager, itemId);
      const evidence = await this.evidence.forUpdate(manager, item, evidenceIds);
      const state: RemediationState = started ? 'in_progress' : item.state;
      if (state !== item.state) {
        await manager.update(
          RemediationItemEntity,
          { tenantId: item.tenantId, id: item.id },
          { state },
        );
      }
      const moved = Object.assign(new RemediationItemEntity(), item, { state });
      await this.fanOut(manager, moved, 'vendor_update', (finding) => ({
        kind: 'progress',
        text: note,
        evidence,
        to: started && WORKABLE.includes(finding.status) ? 'in_progress' : undefined,
      }));
      await this.record('remediation.progress', moved, {
        started,
        evidence: evidence.map((e) => e.id),
      });
      return moved;
    });
  }

  /**
   * The fix is done: every linked finding still being worked on becomes resolved, for each
   * customer to verify. With `answer`, the answer the vendor now gives: it must fit each linked
   * finding's question, becomes the library's answer (with the item's files), and replaces the
   * old answer in each customer's assessment when that customer verifies.
   */
  async resolve(
    itemId: string,
    text: string,
    answer: AnswerInput | null,
  ): Promise<RemediationItemEntity> {
    const note = cleanText(text, 'The update');
    return this.db.transaction(async (manager) => {
      const item = await this.open(manager, itemId);
      const linked = await this.linked(manager, item);
      const fix = answer ? await this.checkFix(manager, linked, answer) : null;
      const resolvedAnswer = fix?.answer ?? null;
      const changes = { state: 'resolved' as const, resolvedAt: this.clock.now(), resolvedAnswer };
      await manager.update(
        RemediationItemEntity,
        { tenantId: item.tenantId, id: item.id },
        changes,
      );
      const resolved = Object.assign(new RemediationItemEntity(), item, changes);
      await this.fanOut(manager, resolved, 'resolved', (finding) =>
        WORKABLE.includes(finding.status)
          ? { kind: 'resolved', text: note, to: 'resolved', also: { resolvedAnswer } }
          : null,
      );
      if (fix) {
        // The library keeps the answer that is true now, for the next customer that asks.
        await this.library.recordAnswer(
          manager,
          fix.question,
          fix.answer,
          await this.evidence.forLibrary(manager, resolved),
          note,
        );
      }
      await this.record('remediation.resolved', resolved, { answered: resolvedAnswer !== null });
      return resolved;
    });
  }

  list(
    first: number,
    after: string | undefined,
    state: RemediationState | undefined,
  ): Promise<{ items: RemediationItemView[]; hasNextPage: boolean }> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(RemediationItemEntity, 'r')
        .where('r.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .orderBy('r.createdAt', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .take(first + 1);
      if (state) query.andWhere('r.state = :state', { state });
      if (after) {
        const cursor = await this.find(manager, after);
        query.andWhere('(r.createdAt, r.id) < (:createdAt, :id)', {
          createdAt: cursor.createdAt,
          id: cursor.id,
        });
      }
      const items = await query.getMany();
      const page = items.slice(0, first);
      return { items: await this.views(manager, page), hasNextPage: items.length > first };
    });
  }

  get(id: string): Promise<RemediationItemView> {
    return this.db.transaction(async (manager) => {
      const [view] = await this.views(manager, [await this.find(manager, id)]);
      return view;
    });
  }

  /** Links findings to the item and writes its plan onto each; all of them or none. */
  private async attach(
    manager: EntityManager,
    item: RemediationItemEntity,
    findingIds: readonly string[],
  ): Promise<void> {
    const unique = [...new Set(findingIds)];
    const findings = await this.shared(manager, unique);
    if (findings.length !== unique.length) throw new FindingsNotLinkableError();
    const covering = await this.coveringItems(manager, findings, item);
    for (const finding of findings) {
      if (item.questionId && finding.questionId !== item.questionId) {
        throw new InvalidPlanError(
          `This item fixes ${item.questionId}; a finding on ${finding.questionId} belongs to another.`,
        );
      }
      if (!WORKABLE.includes(finding.status) || covering.has(finding.id)) {
        throw new InvalidPlanError(
          `The finding "${finding.title.slice(0, 80)}" is ${finding.status.replace('_', ' ')}` +
            (covering.has(finding.id) ? ' and covered by another open item.' : ': nothing to fix.'),
        );
      }
    }
    const owner = await this.owner(manager, item.ownerUserId);
    for (const finding of findings) {
      await this.change(manager, finding, {
        kind: 'plan',
        to: ['open', 'reopened'].includes(finding.status) ? 'planned' : undefined,
        text: planText(owner, item.dueOn, item.milestones.length),
        also: {
          remediationItemId: item.id,
          planOwner: owner,
          planDueOn: item.dueOn,
          milestones: item.milestones,
        },
      });
      await this.notify(finding, 'vendor_update');
    }
  }

  /** Findings some customer shared with this MSP, by id; others are simply not there. */
  private shared(manager: EntityManager, ids: readonly string[]): Promise<FindingEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(Finding, 'f')
      .innerJoin('finding_links', 'l', 'l.tenant_id = f.tenant_id AND l.finding_id = f.id')
      .where('l.msp_tenant_id = :msp AND f.id IN (:...ids)', { msp: this.context.tenantId, ids })
      .getMany();
  }

  private linked(manager: EntityManager, item: RemediationItemEntity): Promise<FindingEntity[]> {
    return manager
      .createQueryBuilder(Finding, 'f')
      .innerJoin('finding_links', 'l', 'l.tenant_id = f.tenant_id AND l.finding_id = f.id')
      .where('l.msp_tenant_id = :msp AND f.remediation_item_id = :item', {
        msp: this.context.tenantId,
        item: item.id,
      })
      .orderBy('f.tenant_id')
      .addOrderBy('f.id')
      .getMany();
  }

  /** Findings already covered by another of this MSP's items that is not resolved. */
  private async coveringItems(
    manager: EntityManager,
    findings: readonly FindingEntity[],
    item: RemediationItemEntity,
  ): Promise<Set<string>> {
    const itemIds = [
      ...new Set(findings.flatMap((f) => (f.remediationItemId ? [f.remediationItemId] : []))),
    ].filter((id) => id !== item.id);
    if (itemIds.length === 0) return new Set();
    const open = await manager.find(RemediationItemEntity, {
      where: { tenantId: item.tenantId, id: In(itemIds), state: In(['planned', 'in_progress']) },
      select: { id: true },
    });
    const openIds = new Set(open.map((i) => i.id));
    return new Set(
      findings
        .filter((f) => f.remediationItemId && openIds.has(f.remediationItemId))
        .map((f) => f.id),
    );
  }

  /** The vendor's new answer, checked against the question of every finding it will fix. */
  private async checkFix(
    manager: EntityManager,
    findings: readonly FindingEntity[],
    answer: AnswerInput,
  ): Promise<{ question: Question; answer: ResolvedAnswer }> {
    const questionIds = new Set(findings.map((f) => f.questionId));
    if (questionIds.size > 1) {
      throw new InvalidPlanError(
        'This item covers findings on different questions; resolve it without an answer.',
      );
    }
    let fix: { question: Question; answer: ResolvedAnswer } | null = null;
    const seen = new Set<string>();
    for (const finding of findings) {
      if (seen.has(finding.assessmentId)) continue;
      seen.add(finding.assessmentId);
      const question = await this.questionOf(manager, finding);
      fix = { question, answer: checkAnswer(question, answer, this.clock.today()) };
    }
    if (!fix) throw new InvalidPlanError('No finding of this item needs an answer.');
    return fix;
  }

  private async questionOf(manager: EntityManager, finding: FindingEntity): Promise<Question> {
    const assessment = await manager.findOneByOrFail(AssessmentEntity, {
      tenantId: finding.tenantId,
      id: finding.assessmentId,
    });
    const template = await this.forms.templateOf(manager, assessment);
    const question = template.families
      .flatMap((f) => f.questions)
      .find((q) => q.id === finding.questionId);
    if (!question) throw new FindingsNotLinkableError();
    return question;
  }

  /** Writes one change per linked finding; `changeFor` returns null to leave a finding alone. */
  private async fanOut(
    manager: EntityManager,
    item: RemediationItemEntity,
    event: FindingEvent,
    changeFor: (
      finding: FindingEntity,
    ) => Omit<FindingChange, 'side' | 'authorUserId' | 'at'> | null,
  ): Promise<void> {
    for (const finding of await this.linked(manager, item)) {
      const change = changeFor(finding);
      if (!change) continue;
      await this.change(manager, finding, change);
      await this.notify(finding, event);
    }
  }

  private change(
    manager: EntityManager,
    finding: FindingEntity,
    change: Omit<FindingChange, 'side' | 'authorUserId' | 'at'>,
  ): Promise<FindingEntity> {
    return changeFinding(manager, finding, {
      ...change,
      side: 'msp',
      authorUserId: this.context.userId,
      at: this.clock.now(),
    });
  }

  private async notify(finding: FindingEntity, event: FindingEvent): Promise<void> {
    await this.queue.sendAs(finding.tenantId, NOTIFY_FINDING, { findingId: finding.id, event });
  }

  private async views(
    manager: EntityManager,
    items: readonly RemediationItemEntity[],
  ): Promise<RemediationItemView[]> {
    if (items.length === 0) return [];
    const rows = await manager.query<
      { item_id: string; status: string | null; findings: number; customers: number }[]
    >(
      // Per item and status, plus per item alone (status null) for the distinct customers.
      `SELECT f.remediation_item_id AS item_id, f.status,
              count(*)::int AS findings, count(DISTINCT f.tenant_id)::int AS customers
         FROM finding_links l
         JOIN findings f ON f.tenant_id = l.tenant_id AND f.id = l.finding_id
        WHERE l.msp_tenant_id = $1 AND f.remediation_item_id = ANY ($2)
        GROUP BY GROUPING SETS ((f.remediation_item_id, f.status), (f.remediation_item_id))`,
      [this.context.tenantId, items.map((i) => i.id)],
    );
    return items.map((item) => {
      const mine = rows.filter((r) => r.item_id === item.id);
      return {
        item,
        statusCounts: Object.fromEntries(
          mine.flatMap((r) => (r.status === null ? [] : [[r.status, r.findings]])),
        ),
        customers: mine.find((r) => r.status === null)?.customers ?? 0,
      };
    });
  }

  /** A member of this MSP organization; anyone else is refused the same way as no one. */
  private async owner(manager: EntityManager, userId: string): Promise<string> {
    const member = await manager.findOneBy(MembershipEntity, {
      tenantId: this.context.tenantId,
      userId,
    });
    const user =
      member &&
      (await manager.findOne(UserEntity, {
        where: { id: userId },
        select: { id: true, displayName: true },
      }));
    if (!user) throw new InvalidPlanError('The owner must be a member of your organization.');
    return user.displayName;
  }

  private async open(manager: EntityManager, id: string): Promise<RemediationItemEntity> {
    const item = await this.find(manager, id);
    if (item.state === 'resolved') throw new RemediationItemClosedError();
    return item;
  }

  private async find(manager: EntityManager, id: string): Promise<RemediationItemEntity> {
    const item = await manager.findOneBy(RemediationItemEntity, {
      tenantId: this.context.tenantId,
      id,
    });
    if (!item) throw new RemediationItemNotFoundError();
    return item;
  }

  private record(action: string, item: RemediationItemEntity, summary: Record<string, unknown>) {
    return this.audit.record({
      action,
      objectType: 'remediation_item',
      objectId: item.id,
      summary: { ...summary, state: item.state },
    });
  }
}

function checkFindingCount(ids: readonly string[]): void {
  if (ids.length > MAX_FINDINGS_PER_LINK) {
    throw new InvalidPlanError(`Link at most ${MAX_FINDINGS_PER_LINK} findings at a time.`);
  }
}

function planText(owner: string, dueOn: string, milestones: number): string {
  return `Plan: ${owner} fixes this by ${dueOn}${milestones > 0 ? `, in ${milestones} milestone(s)` : ''}.`;
}
