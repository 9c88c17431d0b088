import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FindingEntity, FindingSeverity, FindingStatus } from '../entities/finding.entity.js';
import { FindingEntity as Finding } from '../entities/finding.entity.js';
import { FindingUpdateEntity } from '../entities/finding-update.entity.js';
import { FindingNotFoundError } from '../findings/findings.service.js';
import { WORKABLE } from './finding-states.js';

export type GroupBy = 'question' | 'control';

/** Findings that share a question (or a mapped control), across every customer that raised one. */
export interface FindingGroup {
  readonly key: string;
  readonly title: string;
  readonly customers: number;
  readonly findings: number;
  /** Still being worked on: open, reopened, planned or in progress. */
  readonly open: number;
  /** Open and covered by no remediation item yet. */
  readonly uncovered: number;
  readonly worstSeverity: FindingSeverity;
}

/** A customer's finding as its MSP sees it, with the customer's name from the assessment. */
export interface MspFinding {
  readonly finding: FindingEntity;
  readonly customerName: string;
  readonly assessmentTitle: string;
}

export interface MspFindingFilter {
  readonly questionId?: string;
  /** framework:id, e.g. csf:PR.AA-03. */
  readonly control?: string;
  readonly remediationItemId?: string;
  readonly status?: FindingStatus;
}

const SEVERITY_RANK = `CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`;
const SEVERITY_BY_RANK = ['low', 'low', 'medium', 'high', 'critical'] as const;

/** One key per finding for grouping: its question, or each control it maps to. */
const GROUP_KEYS: Record<GroupBy, { from: string; key: string; title: string }> = {
  question: { from: '', key: 'f.question_id', title: 'min(f.title)' },
  control: {
    from: `CROSS JOIN LATERAL jsonb_each(f.controls) AS fw(framework, ids)
           CROSS JOIN LATERAL jsonb_array_elements_text(fw.ids) AS c(id)`,
    key: `fw.framework || ':' || c.id`,
    title: `fw.framework || ':' || c.id`,
  },
};

/**
 * The MSP's view across its customers: every finding they shared with it, grouped so one fix can
 * answer many. Reads go through `finding_links`, so the database shows the MSP nothing else.
 */
@Injectable()
export class MspWorkspaceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  groups(by: GroupBy, openOnly: boolean): Promise<FindingGroup[]> {
    const group = GROUP_KEYS[by];
    return this.db.transaction(async (manager) => {
      const rows = await manager.query<
        {
          key: string;
          title: string;
          customers: number;
          findings: number;
          open: number;
          uncovered: number;
          worst: number;
        }[]
      >(
        `SELECT ${group.key} AS key, ${group.title} AS title,
                count(DISTINCT f.tenant_id)::int AS customers,
                count(DISTINCT f.id)::int AS findings,
                count(DISTINCT f.id) FILTER (WHERE f.status = ANY ($2))::int AS open,
                count(DISTINCT f.id) FILTER (
                  WHERE f.status = ANY ($2) AND f.remediation_item_id IS NULL)::int AS uncovered,
                max(${SEVERITY_RANK})::int AS worst
           FROM finding_links l
           JOIN findings f ON f.tenant_id = l.tenant_id AND f.id = l.finding_id
           ${group.from}
          WHERE l.msp_tenant_id = $1 AND ($3 = false OR f.status = ANY ($2))
          GROUP BY 1
          ORDER BY customers DESC, worst DESC, key`,
        [this.context.tenantId, WORKABLE, openOnly],
      );
      return rows.map(({ worst, ...row }) => ({
        ...row,
        worstSeverity: SEVERITY_BY_RANK[worst] ?? 'low',
      }));
    });
  }

  findings(
    first: number,
    after: string | undefined,
    filter: MspFindingFilter,
  ): Promise<{ findings: MspFinding[]; hasNextPage: boolean }> {
    return this.db.transaction(async (manager) => {
      const query = manager
        .createQueryBuilder(Finding, 'f')
        .innerJoin('finding_links', 'l', 'l.tenant_id = f.tenant_id AND l.finding_id = f.id')
        .innerJoin('assessments', 'a', 'a.tenant_id = f.tenant_id AND a.id = f.assessment_id')
        .addSelect(['a.customer_name AS customer_name', 'a.title AS assessment_title'])
        .where('l.msp_tenant_id = :msp', { msp: this.context.tenantId })
        .orderBy('f.raised_at', 'DESC')
        .addOrderBy('f.id', 'DESC')
        .limit(first + 1);
      if (filter.questionId) query.andWhere('f.question_id = :q', { q: filter.questionId });
      if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
      if (filter.remediationItemId) {
        query.andWhere('f.remediation_item_id = :item', { item: filter.remediationItemId });
      }
      if (filter.control) {
        const [framework, id] = splitControl(filter.control);
        query.andWhere(`f.controls -> :framework ? :controlId`, { framework, controlId: id });
      }
      if (after) {
        const cursor = await this.find(manager, after);
        query.andWhere('(f.raised_at, f.id) < (:raisedAt, :id)', {
          raisedAt: cursor.raisedAt,
          id: cursor.id,
        });
      }
      const { entities, raw } = await query.getRawAndEntities<{
        customer_name: string;
        assessment_title: string;
      }>();
      const rows = entities.map((finding, i) => ({
        finding,
        customerName: raw[i]?.customer_name ?? '',
        assessmentTitle: raw[i]?.assessment_title ?? '',
      }));
      return { findings: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  /** One shared finding, with its history; anything else is the same not-found. */
  finding(id: string): Promise<{ finding: MspFinding; updates: FindingUpdateEntity[] }> {
    return this.db.transaction(async (manager) => {
      const page = await manager
        .createQueryBuilder(Finding, 'f')
        .innerJoin('finding_links', 'l', 'l.tenant_id = f.tenant_id AND l.finding_id = f.id')
        .innerJoin('assessments', 'a', 'a.tenant_id = f.tenant_id AND a.id = f.assessment_id')
        .addSelect(['a.customer_name AS customer_name', 'a.title AS assessment_title'])
        .where('l.msp_tenant_id = :msp AND f.id = :id', { msp: this.context.tenantId, id })
        .getRawAndEntities<{ customer_name: string; assessment_title: string }>();
      const finding = page.entities[0];
      if (!finding) throw new FindingNotFoundError();
      const updates = await manager.find(FindingUpdateEntity, {
        where: { tenantId: finding.tenantId, findingId: finding.id },
        order: { seq: 'ASC' },
      });
      return {
        finding: {
          finding,
          customerName: page.raw[0]?.customer_name ?? '',
          assessmentTitle: page.raw[0]?.assessment_title ?? '',
        },
        updates,
      };
    });
  }

  private async find(manager: EntityManager, id: string): Promise<FindingEntity> {
    const found = await manager
      .createQueryBuilder(Finding, 'f')
      .innerJoin('finding_links', 'l', 'l.tenant_id = f.tenant_id AND l.finding_id = f.id')
      .where('l.msp_tenant_id = :msp AND f.id = :id', { msp: this.context.tenantId, id })
      .getOne();
    if (!found) throw new FindingNotFoundError();
    return found;
  }
}

function splitControl(control: string): [string, string] {
  const at = control.indexOf(':');
  return at < 0 ? ['', control] : [control.slice(0, at), control.slice(at + 1)];
}
