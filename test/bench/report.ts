import type { PortfolioReport } from './portfolio-bench.js';
import type { Result } from './measure.js';

export interface Ratio {
  readonly name: string;
  /**
   * How many times slower at the median (p50 of the row over p50 of raw SQL); null under
   * concurrency, where the median is mostly queueing rather than the cost of one call.
   */
  readonly p50Times: number | null;
  /** Raw SQL ops/s over the row's ops/s. */
  readonly throughputTimes: number;
}

export interface Report {
  readonly mode: 'embedded' | 'server';
  readonly node: string;
  readonly cpus: number;
  readonly tenants: number;
  readonly results: readonly Result[];
  readonly ratios: readonly Ratio[];
  /** process.resourceUsage().maxRSS, in MB: after boot and provisioning, and at the end (the
   * bench and its HTTP client run inside the API process, so this includes them). */
  readonly maxRssMbAfterBoot: number;
  readonly maxRssMb: number;
}

export function ratiosAgainst(base: Result, others: readonly Result[]): Ratio[] {
  return others.map((other) => ({
    name: other.concurrency === 1 ? other.name : `${other.name} (c=${other.concurrency})`,
    p50Times: other.concurrency === base.concurrency ? other.p50 / base.p50 : null,
    throughputTimes: base.opsPerSec / other.opsPerSec,
  }));
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(report: Report): string {
  const results = table(
    ['operation', 'conc', 'ops', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms'],
    report.results.map((r) => [
      r.name,
      String(r.concurrency),
      String(r.ops),
      fixed(r.opsPerSec, 0),
      fixed(r.p50, 3),
      fixed(r.p95, 3),
      fixed(r.p99, 3),
    ]),
  );
  const ratios = table(
    ['vs raw SQL', 'p50 x', 'ops/s ÷'],
    report.ratios.map((r) => [
      r.name,
      r.p50Times === null ? '-' : fixed(r.p50Times, 1),
      fixed(r.throughputTimes, 1),
    ]),
  );
  return [
    `Cascade bench: ${report.mode} database, Node ${report.node}, ${report.cpus} CPUs, ` +
      `${report.tenants} tenants`,
    '',
    results,
    '',
    ratios,
    '',
    `peak RSS (maxRSS): ${fixed(report.maxRssMbAfterBoot, 0)} MB after boot and provisioning, ` +
      `${fixed(report.maxRssMb, 0)} MB at the end`,
  ].join('\n');
}

export function formatPortfolio(report: PortfolioReport): string {
  const { seeded } = report;
  return [
    '',
    `Portfolio: ${seeded.vendors} vendors, ${seeded.assessments} completed assessments, ` +
      `${seeded.answers} answers, seeded in ${fixed(seeded.seconds, 1)} s; API in the ` +
      `${report.api}` +
      (report.apiNodeOptions === undefined
        ? ''
        : ` (NODE_OPTIONS=${report.apiNodeOptions || '(none: no heap cap)'})`) +
      `, its peak RSS ${fixed(report.apiPeakRssAfterReadsMb, 0)} MB after the ` +
      `reads and ${fixed(report.apiPeakRssMb, 0)} MB after the saves`,
    '',
    table(
      ['operation', 'conc', 'ops', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms'],
      report.results.map((r) => [
        r.name,
        String(r.concurrency),
        String(r.ops),
        fixed(r.opsPerSec, 0),
        fixed(r.p50, 3),
        fixed(r.p95, 3),
        fixed(r.p99, 3),
      ]),
    ),
    '',
    table(
      ['API vs hand-written SQL', 'p50 x', 'p95 x'],
      report.ratios.map((r) => [r.name, fixed(r.p50Times, 2), fixed(r.p95Times, 2)]),
    ),
  ].join('\n');
}
