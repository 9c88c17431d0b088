import { Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { VendorNotFoundError } from '@app/vendors';
import { Injectable } from '@nestjs/common';
import { bind } from './named-sql.js';
import {
  FILTERED_VENDORS,
  filterValues,
  IN_RANGE,
  type PortfolioFilter,
} from './portfolio-filter.js';
import { PORTFOLIO_SQL } from './portfolio-sql.js';

export interface PortfolioOverview {
  readonly vendors: number;
  readonly averageScore: number | null;
  /** Per residual risk level; `null` counts vendors without a completed assessment. */
  readonly byResidualRisk: { level: string | null; vendors: number }[];
  /** Ten buckets of ten points: [0,10), …, [90,100]. */
  readonly scoreDistribution: { from: number; to: number; vendors: number }[];
  readonly assessmentsByState: { state: string; assessments: number }[];
  readonly overdue: number;
  readonly mostOverdue: OverdueAssessment[];
}

export interface OverdueAssessment {
  readonly assessmentId: string;
  readonly title: string;
  readonly vendorName: string;
  readonly state: string;
  readonly dueOn: string;
  readonly daysOverdue: number;
}

export interface HeatmapRow {
  readonly vendorId: string;
  readonly vendorName: string;
  readonly tier: number;
  readonly overall: number | null;
  readonly rating: string | null;
  /** One per column of the page, in the same order; null where the vendor has no score. */
  readonly scores: (number | null)[];
}

export interface HeatmapPage {
  readonly families: { familyId: string; title: string }[];
  readonly rows: HeatmapRow[];
  readonly hasNextPage: boolean;
}

export interface TrendPoint {
  readonly assessmentId: string;
  readonly completedAt: Date;
  readonly overall: number | null;
  readonly rating: string | null;
}

export interface MonthPoint {
  readonly month: string;
  readonly averageScore: number;
  readonly assessments: number;
}

export interface WeakSpot {
  readonly id: string;
  readonly title: string | null;
  readonly averageScore: number;
  readonly vendors: number;
}

export interface DecliningVendor {
  readonly vendorId: string;
  readonly vendorName: string;
  readonly previous: number;
  readonly latest: number;
  readonly change: number;
}

/** The overview statement's row: each figure aggregated to JSON (so counts arrive as numbers). */
interface OverviewRow {
  readonly risk: { level: string | null; n: number }[];
  readonly buckets: { bucket: number; n: number; total: number }[];
  readonly states: { state: string; n: number }[];
  readonly overdue: {
    id: string;
    title: string;
    name: string;
    state: string;
    due_on: string;
    total: number;
  }[];
}

interface HeatmapRowData {
  readonly id: string;
  readonly name: string;
  readonly tier: number;
  readonly overall: number | null;
  readonly rating: string | null;
  /** As the score stored them, in the template's order. */
  readonly families: { familyId: string; title: string; score: number | null }[];
}

/** The page's columns: every family with a score on the page, in the order the scores list them. */
function heatmapColumns(rows: readonly HeatmapRowData[]): { familyId: string; title: string }[] {
  const columns = new Map<string, string>();
  for (const row of rows) {
    for (const family of row.families) {
      if (family.score !== null && !columns.has(family.familyId)) {
        columns.set(family.familyId, family.title);
      }
    }
  }
  return [...columns].map(([familyId, title]) => ({ familyId, title }));
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const OPEN_STATES = ['sent', 'in_progress', 'changes_requested'];
const count = (value: unknown) => Number(value);
const numberOrNull = (value: unknown) => (value === null ? null : Number(value));

/**
 * Risk managers' portfolio views, each one hand-written SQL statement over indexes that lead with
 * tenant_id, sent in one message with the tenant's settings. They read stored final scores, the
 * latest per vendor, so a view costs the same however many answers lie behind it.
 */
@Injectable()
export class PortfolioDashboardsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async overview(filter: PortfolioFilter): Promise<PortfolioOverview> {
    const values = filterValues(this.context.tenantId, filter);
    const today = this.clock.today();
    const [{ risk, buckets, states, overdue }] = await this.read<OverviewRow>(
      PORTFOLIO_SQL.overview,
      { ...values, open: OPEN_STATES, today },
    );
    const scored = buckets.reduce((sum, b) => sum + b.n, 0);
    const total = buckets.reduce((sum, b) => sum + b.total, 0);
    return {
      vendors: risk.reduce((sum, r) => sum + r.n, 0),
      averageScore: scored === 0 ? null : total / scored,
      byResidualRisk: ['low', 'moderate', 'high', 'critical', null].map((level) => ({
        level,
        vendors: risk.find((r) => r.level === level)?.n ?? 0,
      })),
      scoreDistribution: Array.from({ length: 10 }, (_, i) => ({
        from: i * 10,
        to: i === 9 ? 100 : i * 10 + 10,
        vendors: buckets.find((b) => b.bucket === i)?.n ?? 0,
      })),
      assessmentsByState: states.map((s) => ({ state: s.state, assessments: s.n })),
      overdue: overdue[0]?.total ?? 0,
      mostOverdue: overdue.map((r) => ({
        assessmentId: r.id,
        title: r.title,
        vendorName: r.name,
        state: r.state,
        dueOn: r.due_on,
        daysOverdue: daysBetween(r.due_on, today),
      })),
    };
  }

  /** Vendors × control families of their latest scores, a page of vendors at a time by name. */
  async heatmap(
    first: number,
    after: string | undefined,
    filter: PortfolioFilter,
  ): Promise<HeatmapPage> {
    const rows = await this.read<HeatmapRowData>(PORTFOLIO_SQL.heatmap, {
      ...filterValues(this.context.tenantId, filter),
      after: after ?? null,
      limit: first + 1,
    });
    if (after && rows.length === 0) await this.requireVendor(after);
    const page = rows.slice(0, first);
    const families = heatmapColumns(page);
    return {
      families,
      hasNextPage: rows.length > first,
      rows: page.map((r) => {
        const scores = new Map(r.families.map((f) => [f.familyId, f.score]));
        return {
          vendorId: r.id,
          vendorName: r.name,
          tier: Number(r.tier),
          overall: r.overall,
          rating: r.rating,
          scores: families.map(({ familyId }) => scores.get(familyId) ?? null),
        };
      }),
    };
  }

  async vendorTrend(vendorId: string): Promise<TrendPoint[]> {
    // One row per score, or one row of nulls for a vendor with none: no row, no such vendor.
    const rows = await this.db.readInOneTrip<{
      assessment_id: string | null;
      completed_at: Date | null;
      overall: unknown;
      rating: string | null;
    }>(
      `SELECT s.assessment_id, s.completed_at, s.overall, s.rating
         FROM vendors v LEFT JOIN assessment_scores s
           ON s.tenant_id = v.tenant_id AND s.vendor_id = v.id AND s.current
        WHERE v.tenant_id = $1 AND v.id = $2
        ORDER BY s.completed_at, s.id`,
      [this.context.tenantId, vendorId],
    );
    if (rows.length === 0) throw new VendorNotFoundError();
    return rows.flatMap((r) =>
      r.assessment_id === null || r.completed_at === null
        ? []
        : [
            {
              assessmentId: r.assessment_id,
              completedAt: new Date(r.completed_at),
              overall: numberOrNull(r.overall),
              rating: r.rating,
            },
          ],
    );
  }

  /** The average final score of assessments completed each month (current scores only). */
  async portfolioTrend(filter: PortfolioFilter): Promise<MonthPoint[]> {
    const rows = await this.read<{ month: string; average: unknown; n: unknown }>(
      `WITH v AS (${FILTERED_VENDORS})
       SELECT to_char(date_trunc('month', s.completed_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
              avg(s.overall) AS average, count(*) AS n
         FROM assessment_scores s JOIN v ON v.id = s.vendor_id
        WHERE s.tenant_id = :tenant AND s.current AND s.overall IS NOT NULL AND ${IN_RANGE}
        GROUP BY 1 ORDER BY 1`,
      filterValues(this.context.tenantId, filter),
    );
    return rows.map((r) => ({
      month: r.month,
      averageScore: Number(r.average),
      assessments: count(r.n),
    }));
  }

  /** Families by average latest score, each titled as a latest score recorded it. */
  async weakestFamilies(first: number, filter: PortfolioFilter): Promise<WeakSpot[]> {
    const rows = await this.read<{
      family_id: string;
      title: string | null;
      average: unknown;
      n: unknown;
    }>(
      `WITH v AS (${FILTERED_VENDORS}),
       weakest AS (
         SELECT f.family_id, avg(f.score) AS average, count(*) AS n
           FROM assessment_family_scores f JOIN v ON v.id = f.vendor_id
          WHERE f.tenant_id = :tenant AND f.latest_for_vendor
          GROUP BY f.family_id ORDER BY average ASC, f.family_id LIMIT :first)
       SELECT w.family_id, w.average, w.n,
              (SELECT fam->>'title' FROM assessment_scores s, jsonb_array_elements(s.families) fam
                WHERE s.tenant_id = :tenant AND s.latest_for_vendor
                  AND fam->>'familyId' = w.family_id
                LIMIT 1) AS title
         FROM weakest w ORDER BY w.average ASC, w.family_id`,
      { ...filterValues(this.context.tenantId, filter), first },
    );
    return rows.map((r) => ({
      id: r.family_id,
      title: r.title ?? r.family_id,
      averageScore: Number(r.average),
      vendors: count(r.n),
    }));
  }

  async weakestControls(
    framework: string,
    first: number,
    filter: PortfolioFilter,
  ): Promise<WeakSpot[]> {
    const rows = await this.read<{ control: string; average: unknown; n: unknown }>(
      `WITH v AS (${FILTERED_VENDORS})
       SELECT c.key AS control, avg(c.value::float8) AS average, count(*) AS n
         FROM assessment_scores s JOIN v ON v.id = s.vendor_id,
              jsonb_each_text(s.controls -> :framework::text) c
        WHERE s.tenant_id = :tenant AND s.latest_for_vendor AND ${IN_RANGE}
        GROUP BY c.key ORDER BY average ASC, c.key LIMIT :first`,
      { ...filterValues(this.context.tenantId, filter), framework, first },
    );
    return rows.map((r) => ({
      id: r.control,
      title: null,
      averageScore: Number(r.average),
      vendors: count(r.n),
    }));
  }

  /** Vendors whose latest final score is below the one before it, steepest fall first. */
  async decliningVendors(first: number, filter: PortfolioFilter): Promise<DecliningVendor[]> {
    const rows = await this.read<{
      vendor_id: string;
      name: string;
      previous: unknown;
      latest: unknown;
    }>(
      `WITH v AS (${FILTERED_VENDORS}),
       ranked AS (
         SELECT s.vendor_id, s.overall,
                row_number() OVER (PARTITION BY s.vendor_id ORDER BY s.completed_at DESC, s.id DESC) AS n
           FROM assessment_scores s JOIN v ON v.id = s.vendor_id
          WHERE s.tenant_id = :tenant AND s.current AND s.overall IS NOT NULL AND ${IN_RANGE})
       SELECT l.vendor_id, v.name, p.overall AS previous, l.overall AS latest
         FROM ranked l JOIN ranked p ON p.vendor_id = l.vendor_id AND p.n = 2
         JOIN v ON v.id = l.vendor_id
        WHERE l.n = 1 AND l.overall < p.overall
        ORDER BY l.overall - p.overall, v.name LIMIT :first`,
      { ...filterValues(this.context.tenantId, filter), first },
    );
    return rows.map((r) => ({
      vendorId: r.vendor_id,
      vendorName: r.name,
      previous: Number(r.previous),
      latest: Number(r.latest),
      change: Number(r.latest) - Number(r.previous),
    }));
  }

  /** One statement in one round trip with the tenant's settings. */
  private read<T>(sql: string, values: Record<string, unknown>): Promise<T[]> {
    return this.db.readInOneTrip<T>(...bind(sql, values));
  }

  private async requireVendor(vendorId: string): Promise<void> {
    const found = await this.db.readInOneTrip(
      `SELECT 1 FROM vendors WHERE tenant_id = $1 AND id = $2`,
      [this.context.tenantId, vendorId],
    );
    if (found.length === 0) throw new VendorNotFoundError();
  }
}
