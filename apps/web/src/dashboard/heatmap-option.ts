import type { EChartsCoreOption } from 'echarts/core';

/** The organization's rating bands: the lowest score for each rating (below `high` is critical). */
export interface RatingBands {
  readonly low: number;
  readonly moderate: number;
  readonly high: number;
}

export interface HeatmapInput {
  readonly bands: RatingBands;
  readonly families: readonly { readonly familyId: string; readonly title: string }[];
  readonly rows: readonly {
    readonly vendorName: string;
    readonly rating: string | null;
    readonly scores: readonly (number | null)[];
  }[];
}

/** Beyond this many vendors the names no longer fit; the chart scrolls and labels thin out. */
const ROWS_WITH_LABELS = 40;
const ROW_HEIGHT = 22;

interface Band {
  readonly min: number;
  readonly max: number;
  readonly label: string;
  readonly color: string;
}

/** The colour scale, cut where the organization's ratings are cut. */
export function riskBands({ low, moderate, high }: RatingBands): Band[] {
  return [
    { min: 0, max: high, label: `critical (under ${high})`, color: '#c92a2a' },
    { min: high, max: moderate, label: `high (${high}–${moderate})`, color: '#e8590c' },
    { min: moderate, max: low, label: `moderate (${moderate}–${low})`, color: '#f5c542' },
    // Just past 100, so a perfect score falls inside the top band.
    { min: low, max: 100.001, label: `low (${low} and over)`, color: '#2f9e44' },
  ];
}

/** The chart's height for `rows` vendors: every row readable up to a limit, then scrolling. */
export function heatmapHeight(rows: number): number {
  return Math.min(Math.max(rows, 4) * ROW_HEIGHT, 720) + 170;
}

/**
 * Vendors down, control families across, each cell a family score. Colour is never the only
 * signal: every readable cell also prints its score, and the tooltip names the band.
 */
export function heatmapOption({ bands, families, rows }: HeatmapInput): EChartsCoreOption {
  const scale = riskBands(bands);
  const many = rows.length > ROWS_WITH_LABELS;
  const cells = rows.flatMap((row, y) =>
    row.scores.map((score, x) => [x, y, score === null ? '-' : Math.round(score)]),
  );
  return {
    animation: false,
    tooltip: {
      position: 'top',
      formatter: (params: { value: [number, number, number | '-'] }) => {
        const [x, y, score] = params.value;
        const band = typeof score === 'number' ? bandOf(scale, score) : 'not scored';
        return `${escape(rows[y].vendorName)}<br/>${escape(families[x].title)}: ${score} (${band})`;
      },
    },
    // Room below for the slanted family names and, under them, the legend.
    grid: { left: 250, right: 32, top: 8, bottom: 150 },
    xAxis: {
      type: 'category',
      data: families.map((family) => family.title),
      axisLabel: { interval: 0, rotate: 35, width: 120, overflow: 'truncate' },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: rows.map((row) => `${row.vendorName}${row.rating ? ` · ${row.rating}` : ''}`),
      inverse: true,
      axisLabel: { width: 230, overflow: 'truncate' },
    },
    visualMap: {
      type: 'piecewise',
      pieces: scale.map(({ min, max, label, color }) => ({ gte: min, lt: max, label, color })),
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      outOfRange: { color: '#dee2e6' },
    },
    dataZoom: many
      ? [
          {
            type: 'slider',
            yAxisIndex: 0,
            right: 0,
            startValue: 0,
            endValue: ROWS_WITH_LABELS - 1,
          },
          { type: 'inside', yAxisIndex: 0 },
        ]
      : [],
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: { show: true, fontSize: 11 },
        emphasis: { itemStyle: { borderColor: '#1c1c1c', borderWidth: 1 } },
      },
    ],
  };
}

export function bandOf(scale: readonly Band[], score: number): string {
  return scale.find((band) => score >= band.min && score < band.max)?.label ?? 'not scored';
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
