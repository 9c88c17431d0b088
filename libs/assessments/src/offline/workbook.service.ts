import { isDeepStrictEqual } from 'node:util';
import { Clock, SpreadsheetSandbox } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { TenantSingleFlight } from '@app/database';
import { readUpload, type UploadBody } from '@app/evidence';
import { Inject, Injectable } from '@nestjs/common';
import { AnsweringService } from '../respondent/answering.service.js';
import { InboxService } from '../respondent/inbox.service.js';
import type { AssessmentContent } from '../shared/assessment-content.js';
import {
  MAX_WORKBOOK_ROWS,
  readAssessmentWorkbook,
  writeAssessmentWorkbook,
} from './assessment-workbook.js';
import { WorkbookFileTooLargeError } from './workbook.errors.js';
import type { WorkbookQuestion } from './workbook.types.js';

export interface WorkbookImportResult {
  /** Answers that differed from the stored ones and were saved. */
  readonly saved: number;
  readonly unchanged: number;
}

function workbookQuestions(content: AssessmentContent): WorkbookQuestion[] {
  return content.template.families.flatMap((family) =>
    family.questions.map((question) => ({ question, familyTitle: family.title })),
  );
}

/**
 * Offline answering for the MSP: the assessment as an Excel workbook, and the filled-in workbook
 * back. Every cell is checked before anything is saved, and the saves are one transaction. Only
 * answers that differ from the stored ones are saved, so an answer changed online after the
 * export and left alone in the workbook is kept.
 */
@Injectable()
export class WorkbookService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbox: InboxService,
    private readonly answering: AnsweringService,
    private readonly spreadsheets: SpreadsheetSandbox,
    private readonly flights: TenantSingleFlight,
    private readonly clock: Clock,
  ) {}

  /** One workbook at a time per organization, export or import: building one is heavy work. */
  export(assessmentId: string): Promise<Buffer> {
    return this.flights.run('workbook export or import', () => this.build(assessmentId));
  }

  /**
   * The target is checked before a byte of the body is read (a workbook for an assessment the
   * caller may not answer costs it nothing), then the body is read up to the cap.
   */
  async import(assessmentId: string, body: UploadBody): Promise<WorkbookImportResult> {
    await this.answering.checkAnswerable(assessmentId);
    const maxBytes = this.config.evidence.maxBytes;
    const workbook = await readUpload(
      body,
      maxBytes,
      () => new WorkbookFileTooLargeError(maxBytes),
    );
    return this.flights.run('workbook export or import', () => this.apply(assessmentId, workbook));
  }

  private async build(assessmentId: string): Promise<Buffer> {
    const content = await this.inbox.content(assessmentId);
    const { assessment } = content;
    return writeAssessmentWorkbook(
      {
        assessmentId: assessment.id,
        title: assessment.title,
        customerName: assessment.customerName,
        vendorName: assessment.vendorName,
        dueOn: assessment.dueOn,
      },
      workbookQuestions(content),
      [...content.answers.values()]
        .filter((a) => a.notApplicable || a.value !== null)
        .map((a) => ({
          questionId: a.questionId,
          value: a.value,
          notApplicable: a.notApplicable,
          notApplicableReason: a.notApplicableReason,
        })),
    );
  }

  private async apply(assessmentId: string, workbook: Buffer): Promise<WorkbookImportResult> {
    const content = await this.inbox.content(assessmentId);
    const parsed = await readAssessmentWorkbook(
      workbook,
      assessmentId,
      workbookQuestions(content),
      this.spreadsheets,
      this.clock.today(),
    );
    const changed = parsed.answers.filter((answer) => {
      const stored = content.answers.get(answer.questionId);
      return (
        !stored ||
        stored.notApplicable !== answer.notApplicable ||
        (answer.notApplicable && stored.notApplicableReason !== answer.notApplicableReason) ||
        !isDeepStrictEqual(stored.value, answer.value)
      );
    });
    if (changed.length > 0) {
      await this.answering.saveMany(
        assessmentId,
        changed.map((answer) => ({
          questionId: answer.questionId,
          expectedVersion: content.answers.get(answer.questionId)?.version ?? 0,
          value: answer.value,
          notApplicable: answer.notApplicable,
          notApplicableReason: answer.notApplicableReason,
        })),
        MAX_WORKBOOK_ROWS,
      );
    }
    return { saved: changed.length, unchanged: parsed.answers.length - changed.length };
  }
}
