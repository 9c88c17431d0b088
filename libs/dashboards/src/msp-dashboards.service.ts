import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import { bind } from './named-sql.js';

export interface CustomerStanding {
  readonly customerName: string;
  /** Assessments from this customer not yet completed or cancelled. */
  readonly openAssessments: number;
  readonly completedAssessments: number;
  readonly latestScore: number | null;
  readonly latestRating: string | null;
  readonly latestCompletedAt: Date | null;
}

export interface FailedQuestion {
  readonly questionId: string;
  readonly familyId: string;
  readonly text: string | null;
  /** Customers whose latest score counts this question below full marks. */
  readonly customers: number;
  readonly averageCompliance: number;
}

/**
 * The MSP's own standing across all its customers, from the assessments addressed to it and
 * their final scores: what each customer concluded, and the questions it falls short on most.
 */
@Injectable()
export class MspDashboardsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  async standingByCustomer(): Promise<CustomerStanding[]> {
    const rows = await this.read<{
      customer: string;
      open: unknown;
      completed: unknown;
      overall: unknown;
      rating: string | null;
      completed_at: Date | null;
    }>(
      `WITH mine AS (
           SELECT tenant_id, customer_name, state FROM assessments
            WHERE respondent_tenant_id = :me AND state <> 'draft'),
         latest AS (
           SELECT DISTINCT ON (s.tenant_id) s.tenant_id, s.overall, s.rating, s.completed_at
             FROM assessment_scores s
            WHERE s.respondent_tenant_id = :me AND s.current
            ORDER BY s.tenant_id, s.completed_at DESC, s.id DESC)
         SELECT min(m.customer_name) AS customer,
                count(*) FILTER (WHERE m.state NOT IN ('completed', 'cancelled')) AS open,
                count(*) FILTER (WHERE m.state = 'completed') AS completed,
                min(l.overall) AS overall, min(l.rating) AS rating, min(l.completed_at) AS completed_at
           FROM mine m LEFT JOIN latest l ON l.tenant_id = m.tenant_id
          GROUP BY m.tenant_id ORDER BY customer`,
      { me: this.context.tenantId },
    );
    return rows.map((r) => ({
      customerName: r.customer,
      openAssessments: Number(r.open),
      completedAssessments: Number(r.completed),
      latestScore: r.overall === null ? null : Number(r.overall),
      latestRating: r.rating,
      latestCompletedAt: r.completed_at === null ? null : new Date(r.completed_at),
    }));
  }

  /** Questions most often below full marks in customers' latest final scores. */
  async mostFailedQuestions(first: number): Promise<FailedQuestion[]> {
    const rows = await this.read<{
      question_id: string;
      family_id: string;
      customers: unknown;
      average: unknown;
    }>(
      `SELECT q->>'questionId' AS question_id, f->>'familyId' AS family_id,
                count(DISTINCT s.tenant_id) AS customers, avg((q->>'compliance')::float8) AS average
           FROM assessment_scores s,
                jsonb_array_elements(s.breakdown->'families') f,
                jsonb_array_elements(f->'questions') q
          WHERE s.respondent_tenant_id = :me AND s.current AND s.latest_for_vendor
            AND (q->>'counted')::boolean AND (q->>'compliance')::float8 < 1
          GROUP BY 1, 2
          ORDER BY customers DESC, average ASC, question_id
          LIMIT :first`,
      { me: this.context.tenantId, first },
    );
    const texts = await this.questionTexts(rows.map((r) => r.question_id));
    return rows.map((r) => ({
      questionId: r.question_id,
      familyId: r.family_id,
      text: texts.get(r.question_id) ?? null,
      customers: Number(r.customers),
      averageCompliance: Number(r.average),
    }));
  }

  private async questionTexts(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.read<{ id: string; text: string }>(
      `SELECT DISTINCT ON (q->>'id') q->>'id' AS id, q->>'text' AS text
         FROM assessment_forms form,
              jsonb_array_elements(form.content->'families') fam,
              jsonb_array_elements(fam->'questions') q
        WHERE EXISTS (SELECT 1 FROM assessments a
                       WHERE a.tenant_id = form.tenant_id AND a.form_id = form.id
                         AND a.respondent_tenant_id = :me)
          AND q->>'id' = ANY(:ids::text[])
        ORDER BY q->>'id', form.created_at DESC`,
      { me: this.context.tenantId, ids },
    );
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  /** One statement in one round trip with the tenant's settings. */
  private read<T>(sql: string, values: Record<string, unknown>): Promise<T[]> {
    return this.db.readInOneTrip<T>(...bind(sql, values));
  }
}
