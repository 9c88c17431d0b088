import { FILTERED_VENDORS, IN_RANGE } from './portfolio-filter.js';

const residualRisk = `WITH v AS (${FILTERED_VENDORS})
  SELECT s.residual_risk AS level, count(*) AS n
    FROM v LEFT JOIN assessment_scores s
      ON s.tenant_id = :tenant AND s.vendor_id = v.id AND s.latest_for_vendor AND ${IN_RANGE}
   GROUP BY s.residual_risk`;

const scoreBuckets = `WITH v AS (${FILTERED_VENDORS})
  SELECT least(floor(s.overall / 10), 9) AS bucket, count(*) AS n, sum(s.overall) AS total
    FROM assessment_scores s JOIN v ON v.id = s.vendor_id
   WHERE s.tenant_id = :tenant AND s.latest_for_vendor AND s.overall IS NOT NULL AND ${IN_RANGE}
   GROUP BY 1`;

const assessmentStates = `WITH v AS (${FILTERED_VENDORS})
  SELECT a.state, count(*) AS n
    FROM assessments a JOIN v ON v.id = a.vendor_id
   WHERE a.tenant_id = :tenant AND (:state::text IS NULL OR a.state = :state::text)
     AND (:from::date IS NULL OR a.created_at >= :from::date)
     AND (:to::date IS NULL OR a.created_at < :to::date)
   GROUP BY a.state`;

const overdue = `WITH v AS (${FILTERED_VENDORS})
  SELECT a.id, a.title, v.name, a.state, a.due_on, count(*) OVER () AS total
    FROM assessments a JOIN v ON v.id = a.vendor_id
   WHERE a.tenant_id = :tenant AND a.state = ANY(:open::text[]) AND a.due_on < :today::date
     AND (:state::text IS NULL OR a.state = :state::text)
   ORDER BY a.due_on, a.id LIMIT 10`;

/**
 * The portfolio overview's and the heatmap's statements, with `:name` parameters. Shared with
 * the benchmark, which runs them bare to compare the API against the hand-written SQL. Each is
 * one statement, so the API sends it in one message with the tenant's settings (one round trip).
 */
export const PORTFOLIO_SQL = {
  /** The overview's four figures, each aggregated to JSON, in one row. */
  overview: `SELECT
    (SELECT coalesce(json_agg(r), '[]') FROM (${residualRisk}) r) AS risk,
    (SELECT coalesce(json_agg(b), '[]') FROM (${scoreBuckets}) b) AS buckets,
    (SELECT coalesce(json_agg(a ORDER BY a.state), '[]') FROM (${assessmentStates}) a) AS states,
    (SELECT coalesce(json_agg(o ORDER BY o.due_on, o.id), '[]') FROM (${overdue}) o) AS overdue`,
  // Vendors in name order from the cursor on, each with its latest score looked up by index,
  // stopping at the page. The score row carries every family's score and title, so one lookup
  // per vendor fills its row of the heatmap. The lateral subquery (kept apart by OFFSET 0) pins
  // that plan: under row-level security the planner cannot see the tenant (the policy's setting
  // is a run-time parameter), underestimates a large tenant's scores ~100x, and otherwise sorted
  // every score of the tenant (~14 ms). A cursor vendor that is not the tenant's yields no rows.
  heatmap: `WITH v AS (${FILTERED_VENDORS})
    SELECT v.id, v.name, v.tier, s.overall, s.rating, s.families
      FROM v CROSS JOIN LATERAL (
        SELECT s.overall, s.rating, s.families FROM assessment_scores s
         WHERE s.tenant_id = :tenant AND s.vendor_id = v.id AND s.latest_for_vendor
           AND ${IN_RANGE}
        OFFSET 0) s
     WHERE :after::uuid IS NULL
        OR (v.name_key, v.id) > ((SELECT name_key FROM vendors
                                   WHERE tenant_id = :tenant AND id = :after::uuid), :after::uuid)
     ORDER BY v.name_key, v.id
     LIMIT :limit`,
} as const;
