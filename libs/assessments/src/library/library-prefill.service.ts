import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { type AnswerSpec, type AnswerValue, type Question, visibleQuestions } from '@app/catalog';
import { Clock, InvalidInputError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { EvidenceStore } from '@app/evidence';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import { checkAnswer, requireJustification } from '../answers/answer-value.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import type { LibraryAnswerEntity, LibraryEvidence } from '../entities/library-answer.entity.js';
import type { LibraryGrantEntity } from '../entities/library-grant.entity.js';
import { LibraryUseEntity } from '../entities/library-use.entity.js';
import { ANSWERABLE } from '../lifecycle/assessment-states.js';
import { AnsweringService } from '../respondent/answering.service.js';
import { assessmentFor } from '../shared/assessment-lookup.js';
import { conditionValues } from '../shared/assessment-content.js';
import { FormCache } from '../shared/form-cache.js';
import { LibraryGrantsService } from './library-grants.service.js';
import {
  LibraryAnswerStaleError,
  LibraryNotSharedError,
  NoLibrarySuggestionError,
} from './library.errors.js';
import { controlKeys, isStale, LibraryService } from './library.service.js';

export type PrefillUnavailableReason = 'no_grant' | 'closed';

export interface LibrarySuggestion {
  /** The assessment's question it would answer. */
  readonly questionId: string;
  readonly answerSpec: AnswerSpec;
  readonly libraryQuestionId: string;
  readonly matchedBy: 'question' | 'controls';
  readonly value: AnswerValue;
  readonly notApplicable: boolean;
  readonly evidence: readonly LibraryEvidence[];
  readonly note: string | null;
  readonly confirmedAt: Date;
  readonly freshUntil: Date;
  /** Past its freshness date: applying it needs an explicit re-confirmation. */
  readonly stale: boolean;
}

export interface LibraryPrefill {
  readonly available: boolean;
  readonly reason: PrefillUnavailableReason | null;
  readonly grantExpiresAt: Date | null;
  readonly suggestions: LibrarySuggestion[];
}

export interface PrefillChoice {
  readonly questionId: string;
  /** The respondent confirms a stale library answer still holds (and renews it). */
  readonly reconfirm: boolean;
}

export const MAX_PREFILL_PER_APPLY = 200;

/**
 * Prefilling an assessment in the MSP's inbox from its answer library: offered only while the
 * MSP has an active grant for the assessment's customer, only for questions not answered yet,
 * and applied question by question as the respondent confirms. Answers are written through
 * AnsweringService (same checks, versions, row-level security and triggers); every use is
 * logged in library_uses and audited.
 */
@Injectable()
export class LibraryPrefillService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly forms: FormCache,
    private readonly library: LibraryService,
    private readonly grants: LibraryGrantsService,
    private readonly answering: AnsweringService,
    private readonly store: EvidenceStore,
  ) {}

  /** What the library could answer in this assessment; nothing at all without a grant. */
  suggestions(assessmentId: string): Promise<LibraryPrefill> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, assessmentId);
      if (!ANSWERABLE.includes(assessment.state)) return unavailable('closed');
      const grant = await this.grants.active(manager, assessment.tenantId);
      if (!grant) return unavailable('no_grant');
      return {
        available: true,
        reason: null,
        grantExpiresAt: grant.expiresAt,
        suggestions: await this.match(manager, assessment),
      };
    });
  }

  /**
   * Applies the library's suggestions to the chosen questions, all or nothing. The grant is
   * checked again (and share-locked) inside the write, so a revocation a moment ago stops it.
   */
  async apply(assessmentId: string, choices: readonly PrefillChoice[]): Promise<AnswerEntity[]> {
    if (choices.length === 0 || choices.length > MAX_PREFILL_PER_APPLY) {
      throw new InvalidInputError(
        'PREFILL_BATCH_INVALID',
        `Apply 1 to ${MAX_PREFILL_PER_APPLY} suggestions at a time.`,
      );
    }
    if (new Set(choices.map((c) => c.questionId)).size !== choices.length) {
      throw new InvalidInputError('PREFILL_BATCH_INVALID', 'Each question once per apply.');
    }
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, assessmentId);
      const grant = await this.grants.active(manager, assessment.tenantId, true);
      if (!grant) throw new LibraryNotSharedError();
      const suggestions = new Map(
        (await this.match(manager, assessment)).map((s) => [s.questionId, s]),
      );
      const chosen = choices.map((choice) => {
        const suggestion = suggestions.get(choice.questionId);
        if (!suggestion) throw new NoLibrarySuggestionError(choice.questionId);
        return { choice, suggestion };
      });
      const stale = chosen.filter((c) => c.suggestion.stale && !c.choice.reconfirm);
      if (stale.length > 0) {
        throw new LibraryAnswerStaleError(stale.map((c) => c.choice.questionId));
      }
      const reconfirmed = await this.reconfirm(
        manager,
        chosen.filter((c) => c.suggestion.stale).map((c) => c.suggestion.libraryQuestionId),
      );
      const versions = await this.versions(manager, assessment, [...suggestions.keys()]);
      const saved = await this.answering.saveMany(
        assessmentId,
        chosen.map(({ suggestion }) => ({
          questionId: suggestion.questionId,
          expectedVersion: versions.get(suggestion.questionId) ?? 0,
          value: suggestion.value,
          notApplicable: suggestion.notApplicable,
          notApplicableReason: suggestion.notApplicable ? suggestion.note : null,
        })),
      );
      const attached = await this.attachEvidence(
        manager,
        assessment,
        chosen.map((c) => c.suggestion),
      );
      await this.logUses(manager, assessment, grant, chosen, reconfirmed, attached);
      await this.audit.record({
        action: 'library.prefill_applied',
        objectType: 'assessment',
        objectId: assessmentId,
        summary: {
          customerTenantId: assessment.tenantId,
          grantId: grant.id,
          count: chosen.length,
          // The summary is capped in size; library_uses has every row.
          questions: chosen
            .slice(0, 40)
            .map(({ suggestion: s }) => `${s.questionId}<-${s.libraryQuestionId}:${s.matchedBy}`),
          reconfirmed: [...reconfirmed].slice(0, 40),
          evidenceFiles: [...attached.values()].reduce((sum, n) => sum + n, 0),
        },
      });
      return saved;
    });
  }

  /**
   * For each question without an answer yet: the library entry with the same question id, else
   * one mapped to exactly the same set of controls with the same answer type (fresh before
   * stale, then the most recently confirmed); either way only if its answer passes the
   * question's own checks.
   */
  private async match(
    manager: EntityManager,
    assessment: AssessmentEntity,
  ): Promise<LibrarySuggestion[]> {
    const entries = await this.library.all(manager);
    if (entries.length === 0) return [];
    const template = await this.forms.templateOf(manager, assessment);
    const asked = new Set(assessment.questionIds);
    const stored = await manager.find(AnswerEntity, {
      where: { tenantId: assessment.tenantId, assessmentId: assessment.id },
      select: { questionId: true, version: true, value: true, notApplicable: true },
    });
    const answered = new Set(stored.filter((a) => a.version > 0).map((a) => a.questionId));
    // A question the answers so far hide takes no answer, so the library offers none for it.
    const shown = new Set(visibleQuestions(template, conditionValues(stored)).map((q) => q.id));
    const now = this.clock.now();
    const today = this.clock.today();
    const byId = new Map(entries.map((e) => [e.questionId, e]));
    const byControls = new Map<string, LibraryAnswerEntity[]>();
    // Fresh entries before stale ones, then the most recently confirmed.
    const preferred = [...entries].sort(
      (x, y) =>
        Number(isStale(x, now)) - Number(isStale(y, now)) ||
        y.confirmedAt.getTime() - x.confirmedAt.getTime(),
    );
    for (const entry of preferred) {
      const key = controlKeys(entry.controls).join('|');
      if (key) byControls.set(key, [...(byControls.get(key) ?? []), entry]);
    }
    return template.families
      .flatMap((f) => f.questions)
      .filter((q) => asked.has(q.id) && shown.has(q.id) && !answered.has(q.id))
      .flatMap((question) => {
        const same = byId.get(question.id);
        if (same && fits(question, same, today)) {
          return [suggest(question, same, 'question', now)];
        }
        const key = controlKeys(question.controls).join('|');
        const mapped = key
          ? (byControls.get(key) ?? []).find(
              (e) => e.answerType === question.answer.type && fits(question, e, today),
            )
          : undefined;
        return mapped ? [suggest(question, mapped, 'controls', now)] : [];
      });
  }

  /** Answer versions as stored (0 where a row exists only for an assignment). */
  private async versions(
    manager: EntityManager,
    assessment: AssessmentEntity,
    questionIds: string[],
  ): Promise<Map<string, number>> {
    const rows = await manager.find(AnswerEntity, {
      where: {
        tenantId: assessment.tenantId,
        assessmentId: assessment.id,
        questionId: In(questionIds),
      },
      select: { questionId: true, version: true },
    });
    return new Map(rows.map((r) => [r.questionId, r.version]));
  }

  private async reconfirm(manager: EntityManager, libraryIds: string[]): Promise<Set<string>> {
    const done = new Set<string>();
    for (const entry of await this.library.all(manager)) {
      if (!libraryIds.includes(entry.questionId) || done.has(entry.questionId)) continue;
      const renewed = await this.library.renew(manager, entry);
      done.add(entry.questionId);
      await this.audit.record({
        action: 'library.answer_confirmed',
        objectType: 'library_answer',
        objectId: entry.questionId,
        summary: { freshUntil: renewed.freshUntil.toISOString(), whilePrefilling: true },
      });
    }
    return done;
  }

  /**
   * The library's files, attached to the new answers as evidence rows of the customer's
   * assessment (the same stored bytes). A file already on the answer is not added twice; one
   * whose bytes are no longer in the store is left out.
   */
  private async attachEvidence(
    manager: EntityManager,
    assessment: AssessmentEntity,
    suggestions: readonly LibrarySuggestion[],
  ): Promise<Map<string, number>> {
    const attached = new Map<string, number>();
    const withFiles = suggestions.filter((s) => s.evidence.length > 0);
    if (withFiles.length === 0) return attached;
    const present = await manager.find(EvidenceFileEntity, {
      where: {
        tenantId: assessment.tenantId,
        assessmentId: assessment.id,
        questionId: In(withFiles.map((s) => s.questionId)),
        removedAt: IsNull(),
      },
      select: { questionId: true, sha256: true },
    });
    const have = new Set(present.map((f) => `${f.questionId}:${f.sha256.trim()}`));
    const now = new Date();
    for (const suggestion of withFiles) {
      for (const file of suggestion.evidence) {
        if (have.has(`${suggestion.questionId}:${file.sha256}`)) continue;
        if (!(await this.store.has(file.sha256))) continue;
        await manager.insert(EvidenceFileEntity, {
          tenantId: assessment.tenantId,
          id: randomUUID(),
          assessmentId: assessment.id,
          questionId: suggestion.questionId,
          respondentTenantId: assessment.respondentTenantId,
          sha256: file.sha256,
          sizeBytes: file.sizeBytes,
          mediaType: file.mediaType,
          fileName: file.fileName,
          uploadedBy: this.context.userId,
          uploadedAt: now,
          removedAt: null,
        });
        have.add(`${suggestion.questionId}:${file.sha256}`);
        attached.set(suggestion.questionId, (attached.get(suggestion.questionId) ?? 0) + 1);
      }
    }
    return attached;
  }

  private async logUses(
    manager: EntityManager,
    assessment: AssessmentEntity,
    grant: LibraryGrantEntity,
    chosen: readonly { suggestion: LibrarySuggestion }[],
    reconfirmed: ReadonlySet<string>,
    attached: ReadonlyMap<string, number>,
  ): Promise<void> {
    const usedAt = this.clock.now();
    await manager.insert(
      LibraryUseEntity,
      chosen.map(({ suggestion }) => ({
        tenantId: this.context.tenantId,
        id: randomUUID(),
        grantId: grant.id,
        customerTenantId: assessment.tenantId,
        assessmentId: assessment.id,
        questionId: suggestion.questionId,
        libraryQuestionId: suggestion.libraryQuestionId,
        matchedBy: suggestion.matchedBy,
        reconfirmed: suggestion.stale && reconfirmed.has(suggestion.libraryQuestionId),
        evidenceFiles: attached.get(suggestion.questionId) ?? 0,
        usedBy: this.context.userId,
        usedAt,
      })),
    );
  }

  private find(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, 'vendor', this.context.tenantId, id);
  }
}

function unavailable(reason: PrefillUnavailableReason): LibraryPrefill {
  return { available: false, reason, grantExpiresAt: null, suggestions: [] };
}

/**
 * Whether the entry answers the question under the assessment's own rules; a not-applicable
 * entry is a claim, justified by the library's note (without one it is not offered).
 */
function fits(question: Question, entry: LibraryAnswerEntity, today: string): boolean {
  if (entry.answerType !== question.answer.type) return false;
  // An evidence answer with neither files nor "not applicable" would answer nothing.
  const empty = entry.value === null && !entry.notApplicable && entry.evidence.length === 0;
  if (empty) return false;
  try {
    const answer = checkAnswer(
      question,
      {
        value: entry.value,
        notApplicable: entry.notApplicable,
        notApplicableReason: entry.notApplicable ? entry.note : null,
      },
      today,
    );
    requireJustification(question, answer);
    return true;
  } catch {
    return false;
  }
}

function suggest(
  question: Question,
  entry: LibraryAnswerEntity,
  matchedBy: 'question' | 'controls',
  now: Date,
): LibrarySuggestion {
  return {
    questionId: question.id,
    answerSpec: question.answer,
    libraryQuestionId: entry.questionId,
    matchedBy,
    value: entry.value,
    notApplicable: entry.notApplicable,
    evidence: entry.evidence,
    note: entry.note,
    confirmedAt: entry.confirmedAt,
    freshUntil: entry.freshUntil,
    stale: isStale(entry, now),
  };
}
