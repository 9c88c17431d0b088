import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import { AssessmentNotFoundError } from '../assessments.errors.js';
import type { Side } from '../lifecycle/assessment-states.js';
import { type AnswersContent, loadAnswersContents } from './assessment-content.js';
import { assessmentsFor } from './assessment-lookup.js';

/** The answers of many assessments at once, as one side may see them: what lists batch into. */
@Injectable()
export class AnswersContents {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  /** In the ids' order; not-found for an assessment the side can't see. */
  load(side: Side, ids: readonly string[]): Promise<(AnswersContent | Error)[]> {
    return this.db.transaction(async (manager) => {
      const found = await assessmentsFor(manager, side, this.context.tenantId, ids);
      const contents = new Map(
        (await loadAnswersContents(manager, found)).map((c) => [c.assessment.id, c]),
      );
      return ids.map((id) => contents.get(id) ?? new AssessmentNotFoundError());
    });
  }
}
