// The reports page's chart layout (lib/review/review-page/charts.js), run as the browser runs it:
// the script file itself, evaluated with a window object. Drawing is tested in Chromium
// (test/browser/reports-page.test.ts); here, the arithmetic every bar depends on.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PAGE_DIR } from '../../lib/review/page.ts';

interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  series?: string;
  category?: string;
}
interface Charts {
  amount(value: unknown): number;
  niceScale(max: number, count?: number, whole?: boolean): { top: number; ticks: number[] };
  columnLayout(spec: unknown): { width: number; height: number; plot: { left: number; top: number; right: number; bottom: number }; bars: Bar[]; labels: { text: string }[]; ticks: { value: number; y: number }[] };
  rowLayout(spec: unknown): { height: number; plot: { left: number; right: number }; bars: Bar[]; ticks: { value: number; x: number }[] };
}

const window: { gatewayCharts?: Charts } = {};
runInNewContext(readFileSync(`${PAGE_DIR}/charts.js`, 'utf8'), { window });
const charts = window.gatewayCharts!;

describe('niceScale', () => {
  it.each<[number, boolean, number, number[]]>([
    [0, true, 1, [0, 1]],
    [1, true, 1, [0, 1]],
    [3, true, 3, [0, 1, 2, 3]],
    [9, true, 10, [0, 2, 4, 6, 8, 10]],
    [10, true, 10, [0, 2, 4, 6, 8, 10]],
    [11, true, 15, [0, 5, 10, 15]],
    [137, true, 150, [0, 50, 100, 150]],
    [0.42, false, 0.5, [0, 0.1, 0.2, 0.3, 0.4, 0.5]],
    [Number.NaN, true, 1, [0, 1]],
  ])('max %s (whole numbers: %s) gives an axis to %s', (max, whole, top, ticks) => {
    expect(charts.niceScale(max, 5, whole)).toEqual({ top, ticks });
  });

  it('always reaches the maximum, in at most a few more steps than asked', () => {
    for (let max = 1; max < 5000; max += 7) {
      const { top, ticks } = charts.niceScale(max, 5, true);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(11);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});

describe('columnLayout', () => {
  const spec = {
    width: 600,
    height: 200,
    categories: ['2 Nov', '9 Nov', '16 Nov'],
    series: [
      { name: 'held', color: '#d4351c', values: [4, 0, 8] },
      { name: 'passed', color: '#1d70b8', values: [10, -3, Number.NaN] },
    ],
  };
  const layout = charts.columnLayout(spec);

  it('draws one bar per week and series, heights in proportion to the values', () => {
    expect(layout.bars).toHaveLength(6);
    const plotHeight = layout.plot.bottom - layout.plot.top;
    const top = layout.ticks.at(-1)!.value;
    expect(top).toBe(10);
    for (const bar of layout.bars) {
      expect(bar.height).toBeCloseTo((bar.value / top) * plotHeight, 6);
      expect(bar.y + bar.height).toBeCloseTo(layout.plot.bottom, 6);
    }
  });

  it('never draws a negative or non-numeric value below the axis: it is 0', () => {
    expect(layout.bars.filter((b) => b.series === 'passed').map((b) => b.value)).toEqual([10, 0, 0]);
    expect(layout.bars.every((b) => b.height >= 0 && Number.isFinite(b.y))).toBe(true);
  });

  it('keeps every bar inside the plot, side by side without overlapping', () => {
    const sorted = [...layout.bars].sort((a, b) => a.x - b.x);
    sorted.forEach((bar, i) => {
      expect(bar.x).toBeGreaterThanOrEqual(layout.plot.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(layout.plot.right + 1e-9);
      if (i > 0) expect(bar.x).toBeGreaterThanOrEqual(sorted[i - 1]!.x + sorted[i - 1]!.width - 1e-9);
    });
  });

  it('writes every week label while they fit, and every few when there are many weeks', () => {
    expect(layout.labels.map((l) => l.text)).toEqual(['2 Nov', '9 Nov', '16 Nov']);
    const many = charts.columnLayout({ ...spec, categories: Array.from({ length: 52 }, (_v, i) => `w${i}`), series: [{ name: 'held', values: [] }] });
    expect(many.bars).toHaveLength(52);
    expect(many.labels.length).toBeLessThan(52);
    expect(many.labels[0]!.text).toBe('w0');
  });

  it('draws an empty chart without failing', () => {
    expect(charts.columnLayout({ categories: [], series: [] })).toMatchObject({ bars: [], labels: [] });
  });
});

describe('rowLayout', () => {
  it('draws one bar per rule, the longest for the most holds', () => {
    const layout = charts.rowLayout({ width: 600, rows: [{ label: 'casework', value: 7 }, { label: 'marking', value: 2 }, { label: 'people-list', value: 0 }] });
    expect(layout.bars.map((b) => b.value)).toEqual([7, 2, 0]);
    const plotWidth = layout.plot.right - layout.plot.left;
    expect(layout.bars[0]!.width).toBeCloseTo((7 / layout.ticks.at(-1)!.value) * plotWidth, 6);
    expect(layout.bars[2]!.width).toBe(0);
    expect(layout.bars[1]!.y).toBeGreaterThan(layout.bars[0]!.y);
  });

  it('draws a rate against a fixed scale of 0 to 100%, never past its end', () => {
    const layout = charts.rowLayout({ width: 600, max: 1, rows: [{ label: 'a', value: 0.5 }, { label: 'b', value: 1.2 }] });
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const plotWidth = layout.plot.right - layout.plot.left;
    expect(layout.bars[0]!.width).toBeCloseTo(plotWidth / 2, 6);
    expect(layout.bars[1]!.width).toBeCloseTo(plotWidth, 6);
  });
});
