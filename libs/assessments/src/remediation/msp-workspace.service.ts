import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
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
      const query = this.shared(manager)
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
        const [cursor] = await this.rows(this.shared(manager).andWhere('f.id = :after', { after }));
        if (!cursor) throw new FindingNotFoundError();
        query.andWhere('(f.raised_at, f.id) < (:raisedAt, :id)', {
          raisedAt: cursor.finding.raisedAt,
          id: cursor.finding.id,
        });
      }
      const rows = await this.rows(query);
      return { findings: rows.slice(0, first), hasNextPage: rows.length > first };
    });
  }

  /** One shared finding; anything else is the same not-found. */
  finding(id: string): Promise<MspFinding> {
    return this.db.transaction(async (manager) => {
      const [found] = await this.rows(this.shared(manager).andWhere('f.id = :id', { id }));
      if (!found) throw new FindingNotFoundError();
      return found;
    });
  }

  /** The histories of many shared findings, in one query: for lists. */
  updatesOf(findingIds: readonly string[]): Promise<FindingUpdateEntity[][]> {
    return this.db.transaction(async (manager) => {
      const updates = await manager
        .createQueryBuilder(FindingUpdateEntity, 'u')
        .innerJoin(
          'finding_links',
          'l',
          'l.tenant_id = u.tenant_id AND l.finding_id = u.finding_id',
        )
        .where('l.msp_tenant_id = :msp AND u.finding_id IN (:...ids)', {
          msp: this.context.tenantId,
          ids: [...findingIds],
        })
        .orderBy('u.seq', 'ASC')
        .getMany();
      return findingIds.map((id) => updates.filter((u) => u.findingId === id));
    });
  }

  /** Findings shared with this MSP, with the customer's name from the assessment. */
  private shared(manager: EntityManager): SelectQueryBuilder<FindingEntity> {
    return manager
      .createQueryBuilder(Finding, 'f')
      .innerJoin('finding_links', 'l', 'l.tenant_id = f.tenant_id AND l.finding_id = f.id')
      .innerJoin('assessments', 'a', 'a.tenant_id = f.tenant_id AND a.id = f.assessment_id')
      .addSelect(['a.customer_name AS customer_name', 'a.title AS assessment_title'])
      .where('l.msp_tenant_id = :msp', { msp: this.context.tenantId });
  }

  private async rows(query: SelectQueryBuilder<FindingEntity>): Promise<MspFinding[]> {
    const { entities, raw } = await query.getRawAndEntities<{
      customer_name: string;
      assessment_title: string;
    }>();
    return entities.map((finding, i) => ({
      finding,
      customerName: raw[i]?.customer_name ?? '',
      assessmentTitle: raw[i]?.assessment_title ?? '',
    }));
  }
}

function splitControl(control: string): [string, string] {
  const at = control.indexOf(':');
  return at < 0 ? ['', control] : [control.slice(0, at), control.slice(at + 1)];
}
