import type { QuestionnaireTemplate } from '@app/catalog';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssessmentFormEntity } from '../entities/assessment-form.entity.js';
import type { AssessmentEntity } from '../entities/assessment.entity.js';
import { scopedTemplate } from '../scope/tier-scope.js';

const MAX_FORMS = 500;

/**
 * Assessment forms are copies of published template versions and never change, so their parsed
 * content is kept in memory after the first read. Only ever consulted after the caller has read
 * the assessment itself (under row-level security), keyed by its tenant and form.
 */
@Injectable()
export class FormCache {
  private readonly forms = new Map<string, QuestionnaireTemplate>();

  async templateOf(
    manager: EntityManager,
    assessment: AssessmentEntity,
  ): Promise<QuestionnaireTemplate> {
    const key = `${assessment.tenantId}:${assessment.formId}`;
    let content = this.forms.get(key);
    if (!content) {
      const form = await manager.findOneByOrFail(AssessmentFormEntity, {
        tenantId: assessment.tenantId,
        id: assessment.formId,
      });
      content = form.content;
      if (this.forms.size >= MAX_FORMS) {
        const oldest = this.forms.keys().next().value;
        if (oldest !== undefined) this.forms.delete(oldest);
      }
      this.forms.set(key, content);
    }
    return scopedTemplate(content, assessment.questionIds);
  }
}
