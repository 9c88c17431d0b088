import { AuditTrailService } from '@app/audit';
import {
  CatalogService,
  type ControlMappings,
  FRAMEWORKS,
  type Question,
  type TemplateRef,
} from '@app/catalog';
import { Clock, InvalidInputError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { type AnswerInput, checkAnswer } from '../answers/answer-value.js';
import { QuestionNotInAssessmentError } from '../assessments.errors.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import {
  DEFAULT_FRESHNESS_DAYS,
  LibraryAnswerEntity,
  type LibraryEvidence,
  MAX_FRESHNESS_DAYS,
} from '../entities/library-answer.entity.js';
import { assessmentFor } from '../shared/assessment-lookup.js';
import { FormCache } from '../shared/form-cache.js';
import { cleanText } from '../shared/text.js';
import { LibraryAnswerNotFoundError, LibrarySourceUnansweredError } from './library.errors.js';

const DAY_MS = 24 * 3600 * 1000;

export interface LibraryAnswerOptions {
  /** Days until the answer must be re-confirmed; an existing entry keeps its own when omitted. */
  readonly freshnessDays?: number;
}

export interface LibraryPage {
  readonly answers: LibraryAnswerEntity[];
  readonly hasNextPage: boolean;
}

/** Whether an entry is past its freshness date at `now`. */
export function isStale(entry: Pick<LibraryAnswerEntity, 'freshUntil'>, now: Date): boolean {
  return entry.freshUntil.getTime() <= now.getTime();
}

/** A question's mapped controls as a sorted set of `framework:id`, for matching across templates. */
export function controlKeys(controls: ControlMappings | undefined): string[] {
  return FRAMEWORKS.flatMap((framework) =>
    (controls?.[framework] ?? []).map((id) => `${framework}:${id}`),
  ).sort();
}

/**
 * The MSP's answer library: its current answer per question, with evidence and a freshness date.
 * MSP data only; customers benefit from it through grants (see LibraryPrefillService).
 */
@Injectable()
export class LibraryService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly catalog: CatalogService,
    private readonly forms: FormCache,
  ) {}

  /**
   * Keeps `answer` as the library's current answer to `question` (checked against it), confirmed
   * now by the acting person. Public for other flows that learn a better answer (a resolved
   * remediation item): pass their open transaction's manager, or undefined for a new one. Runs
   * in the context's tenant, which must be the MSP's. `evidence` is trusted: pass only files the
   * MSP already holds (its own evidence rows), never hashes taken from a request.
   */
  async recordAnswer(
    manager: EntityManager | undefined,
    question: Question,
    answer: AnswerInput,
    evidence: readonly LibraryEvidence[],
    note: string | null,
    options: LibraryAnswerOptions = {},
  ): Promise<LibraryAnswerEntity> {
    const checked = checkAnswer(question, answer, this.clock.today());
    const cleanNote = note === null ? null : cleanText(note, 'The note', { max: 4000 });
    const freshnessDays = options.freshnessDays;
    if (freshnessDays !== undefined) checkFreshnessDays(freshnessDays);
    const work = async (m: EntityManager) => {
      const tenantId = this.context.tenantId;
      const existing = await m.findOne(LibraryAnswerEntity, {
        where: { tenantId, questionId: question.id },
        lock: { mode: 'pessimistic_write' },
      });
      const days = freshnessDays ?? existing?.freshnessDays ?? DEFAULT_FRESHNESS_DAYS;
      const now = this.clock.now();
      const row = {
        tenantId,
        questionId: question.id,
        questionText: question.text.slice(0, 2000),
        answerType: question.answer.type,
        controls: question.controls ?? {},
        value: checked.value,
        notApplicable: checked.notApplicable,
        evidence: dedupeEvidence(evidence),
        note: cleanNote,
        freshnessDays: days,
        confirmedAt: now,
        confirmedBy: this.context.userId,
        freshUntil: new Date(now.getTime() + days * DAY_MS),
        version: (existing?.version ?? 0) + 1,
      };
      // An upsert: a colleague may be keeping the same question's first answer right now.
      await m.upsert(LibraryAnswerEntity, row, ['tenantId', 'questionId']);
      await this.audit.record({
        action: 'library.answer_recorded',
        objectType: 'library_answer',
        objectId: question.id,
        summary: {
          version: row.version,
          notApplicable: row.notApplicable,
          evidence: row.evidence.slice(0, 20).map((e) => e.sha256),
          freshUntil: row.freshUntil.toISOString(),
        },
      });
      return m.findOneByOrFail(LibraryAnswerEntity, { tenantId, questionId: question.id });
    };
    return manager ? work(manager) : this.db.transaction(work);
  }

  /** An answer kept by hand, to a question of a template the MSP can read in the catalog. */
  async saveFromTemplate(
    ref: TemplateRef,
    questionId: string,
    answer: AnswerInput,
    note: string | null,
    options: LibraryAnswerOptions = {},
  ): Promise<LibraryAnswerEntity> {
    const template = await this.catalog.get(ref);
    const question = template.content.families
      .flatMap((f) => f.questions)
      .find((q) => q.id === questionId);
    if (!question) {
      throw new InvalidInputError(
        'QUESTION_NOT_IN_TEMPLATE',
        `Template ${ref.key} ${ref.version} has no question ${questionId}.`,
        { questionId },
      );
    }
    // An existing entry keeps its evidence when the answer is re-typed by hand.
    return this.db.transaction(async (manager) => {
      const existing = await manager.findOneBy(LibraryAnswerEntity, {
        tenantId: this.context.tenantId,
        questionId,
      });
      return this.recordAnswer(manager, question, answer, existing?.evidence ?? [], note, options);
    });
  }

  /** Copies an answer (and its evidence) from an assessment in the MSP's inbox. */
  saveFromAssessment(
    assessmentId: string,
    questionId: string,
    note: string | null,
    options: LibraryAnswerOptions = {},
  ): Promise<LibraryAnswerEntity> {
    return this.db.transaction(async (manager) => {
      const assessment = await assessmentFor(
        manager,
        'vendor',
        this.context.tenantId,
        assessmentId,
      );
      const template = await this.forms.templateOf(manager, assessment);
      const question = template.families
        .flatMap((f) => f.questions)
        .find((q) => q.id === questionId);
      if (!question || !assessment.questionIds.includes(questionId)) {
        throw new QuestionNotInAssessmentError(questionId);
      }
      const key = { tenantId: assessment.tenantId, assessmentId, questionId };
      const answer = await manager.findOneBy(AnswerEntity, key);
      const files = await manager.find(EvidenceFileEntity, {
        where: { ...key, removedAt: IsNull() },
        order: { uploadedAt: 'ASC' },
      });
      const answered =
        answer !== null &&
        answer.version > 0 &&
        (answer.notApplicable || answer.value !== null || files.length > 0);
      if (!answered) throw new LibrarySourceUnansweredError(questionId);
      const evidence = files.map((f) => ({
        sha256: f.sha256.trim(),
        fileName: f.fileName,
        mediaType: f.mediaType,
        sizeBytes: f.sizeBytes,
      }));
      const saved = await this.recordAnswer(
        manager,
        question,
        { value: answer.value, notApplicable: answer.notApplicable },
        evidence,
        note,
        options,
      );
      await this.audit.record({
        action: 'library.answer_saved_from_assessment',
        objectType: 'library_answer',
        objectId: questionId,
        summary: { assessmentId, customerTenantId: assessment.tenantId, version: saved.version },
      });
      return saved;
    });
  }

  /** The MSP says the answer still holds: fresh for another freshness period from now. */
  async confirm(
    questionId: string,
    options: LibraryAnswerOptions = {},
  ): Promise<LibraryAnswerEntity> {
    if (options.freshnessDays !== undefined) checkFreshnessDays(options.freshnessDays);
    return this.db.transaction(async (manager) => {
      const entry = await this.find(manager, questionId);
      const renewed = await this.renew(manager, entry, options.freshnessDays);
      await this.audit.record({
        action: 'library.answer_confirmed',
        objectType: 'library_answer',
        objectId: questionId,
        summary: { freshUntil: renewed.freshUntil.toISOString() },
      });
      return renewed;
    });
  }

  /** Renews an entry in the caller's transaction (re-confirmation while applying a prefill). */
  async renew(
    manager: EntityManager,
    entry: LibraryAnswerEntity,
    freshnessDays = entry.freshnessDays,
  ): Promise<LibraryAnswerEntity> {
    const now = this.clock.now();
    await manager.update(
      LibraryAnswerEntity,
      { tenantId: entry.tenantId, questionId: entry.questionId },
      {
        confirmedAt: now,
        confirmedBy: this.context.userId,
        freshnessDays,
        freshUntil: new Date(now.getTime() + freshnessDays * DAY_MS),
      },
    );
    return manager.findOneByOrFail(LibraryAnswerEntity, {
      tenantId: entry.tenantId,
      questionId: entry.questionId,
    });
  }

  /** The library by question id; `stale` keeps only stale (true) or only fresh (false) entries. */
  list(first: number, after: string | undefined, stale?: boolean): Promise<LibraryPage> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(LibraryAnswerEntity, 'l')
        .where('l.tenantId = :tenantId', { tenantId: this.context.tenantId })
        .orderBy('l.questionId', 'ASC')
        .take(first + 1);
      if (after) query.andWhere('l.questionId > :after', { after });
      if (stale !== undefined) {
        query.andWhere(stale ? 'l.freshUntil <= :now' : 'l.freshUntil > :now', {
          now: this.clock.now(),
        });
      }
      const rows = await query.getMany();
      return { answers: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  get(questionId: string): Promise<LibraryAnswerEntity> {
    return this.db.transaction((manager) => this.find(manager, questionId));
  }

  /** Every entry, for matching (a library holds hundreds of answers, not millions). */
  all(manager: EntityManager): Promise<LibraryAnswerEntity[]> {
    return manager.find(LibraryAnswerEntity, {
      where: { tenantId: this.context.tenantId },
      order: { questionId: 'ASC' },
    });
  }

  private async find(manager: EntityManager, questionId: string): Promise<LibraryAnswerEntity> {
    const found = await manager.findOneBy(LibraryAnswerEntity, {
      tenantId: this.context.tenantId,
      questionId,
    });
    if (!found) throw new LibraryAnswerNotFoundError(questionId);
    return found;
  }
}

function checkFreshnessDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_FRESHNESS_DAYS) {
    throw new InvalidInputError(
      'LIBRARY_FRESHNESS_INVALID',
      `Keep an answer fresh for 1 to ${MAX_FRESHNESS_DAYS} days.`,
    );
  }
}

function dedupeEvidence(evidence: readonly LibraryEvidence[]): LibraryEvidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.sha256) && seen.add(e.sha256) !== undefined);
}
