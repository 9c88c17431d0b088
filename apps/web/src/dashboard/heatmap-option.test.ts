import { describe, expect, it } from 'vitest';
import { bandOf, heatmapHeight, heatmapOption, riskBands } from './heatmap-option';

const bands = { low: 85, moderate: 70, high: 50 };
const families = [
  { familyId: 'mfa', title: 'Multi-factor authentication' },
  { familyId: 'backups', title: 'Backups' },
];

interface Option {
  series: { data: [number, number, number | '-'][]; label: { show: boolean } }[];
  yAxis: { data: string[] };
  visualMap: { pieces: { gte: number; lt: number; label: string }[] };
  dataZoom: unknown[];
  tooltip: { formatter: (params: { value: [number, number, number | '-'] }) => string };
}

const option = (rows: Parameters<typeof heatmapOption>[0]['rows']) =>
  heatmapOption({ bands, families, rows }) as unknown as Option;

describe('the risk heatmap', () => {
  it('prints every score in its cell, so colour is never the only signal', () => {
    const chart = option([{ vendorName: 'Contoso', rating: 'high', scores: [42.4, null] }]);
    expect(chart.series[0].data).toEqual([
      [0, 0, 42],
      [1, 0, '-'],
    ]);
    expect(chart.series[0].label.show).toBe(true);
    expect(chart.yAxis.data).toEqual(['Contoso · high']);
  });

  it("cuts colours where the organization's ratings are cut", () => {
    const pieces = option([]).visualMap.pieces.map(({ gte, lt }) => [gte, lt]);
    expect(pieces).toEqual([
      [0, 50],
      [50, 70],
      [70, 85],
      [85, 100.001],
    ]);
    const scale = riskBands({ low: 90, moderate: 75, high: 60 });
    expect(bandOf(scale, 100)).toBe('low (90 and over)');
    expect(bandOf(scale, 59.9)).toBe('critical (under 60)');
  });

  it('names vendor, family, score and band in the tooltip, escaping what vendors are called', () => {
    const chart = option([{ vendorName: '<b>Evil</b>', rating: null, scores: [72, 90] }]);
    expect(chart.tooltip.formatter({ value: [0, 0, 72] })).toBe(
      '&#60;b&#62;Evil&#60;/b&#62;<br/>Multi-factor authentication: 72 (moderate (70–85))',
    );
  });

  it('scrolls a large portfolio instead of squeezing a thousand rows', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      vendorName: `Vendor ${i}`,
      rating: null,
      scores: [50, 60],
    }));
    expect(option(rows).dataZoom).toHaveLength(2);
    expect(option(rows.slice(0, 10)).dataZoom).toHaveLength(0);
    expect(heatmapHeight(1000)).toBeLessThanOrEqual(900);
    expect(heatmapHeight(1)).toBeGreaterThan(200);
  });
});
