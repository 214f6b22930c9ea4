// Bar charts as inline SVG for the reports page, with no library: the page may load only its own
// scripts (Content-Security-Policy), and two kinds of bar chart are all it needs. Layout is plain
// arithmetic, kept apart from drawing so that it is tested on its own (test/review/charts.test.ts);
// drawing builds SVG elements with textContent only. Every chart is an image with a title and a
// description for screen readers, every bar has its value as a tooltip, colours keep 3:1 contrast
// with white (WCAG 1.4.11) and are never the only cue: the legend names each series in order and
// the page shows every chart's numbers as a table too.
/* global window */
'use strict';

(function charts(root) {
  const SVG = 'http://www.w3.org/2000/svg';

  /** A finite, non-negative number, or 0: a chart never draws a bar below its axis or off its end. */
  function amount(value) {
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
  }

  /**
   * Axis from 0 to a round top at or above `max`, in about `count` round steps (1, 2 or 5 times a
   * power of ten; whole numbers when `whole`, for counts of messages).
   */
  function niceScale(max, count, whole) {
    const target = count || 5;
    const top = amount(max);
    if (top === 0) return { top: 1, ticks: [0, 1] };
    const rough = top / target;
    const magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    const norm = rough / magnitude;
    let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
    if (whole) step = Math.max(1, Math.round(step));
    const steps = Math.ceil(top / step - 1e-9);
    const ticks = [];
    for (let i = 0; i <= steps; i += 1) ticks.push(Math.round(i * step * 1e6) / 1e6);
    return { top: ticks[ticks.length - 1], ticks };
  }

  /**
   * Columns grouped by category (weeks), one column per series (held, passed …).
   * spec: { categories: [label], series: [{ name, color, values: [number] }], width, height, whole }
   */
  function columnLayout(spec) {
    const width = spec.width || 640;
    const height = spec.height || 260;
    const plot = { left: 48, top: 12, right: width - 12, bottom: height - 40 };
    const categories = spec.categories || [];
    const series = spec.series || [];
    const max = Math.max(0, ...series.flatMap((s) => categories.map((_c, i) => amount(s.values[i]))));
    const scale = niceScale(max, 5, spec.whole !== false);
    const plotWidth = plot.right - plot.left;
    const plotHeight = plot.bottom - plot.top;
    const group = categories.length ? plotWidth / categories.length : plotWidth;
    const barWidth = series.length ? (group * 0.8) / series.length : 0;
    const bars = [];
    categories.forEach((category, c) => {
      series.forEach((s, k) => {
        const value = amount(s.values[c]);
        const h = (value / scale.top) * plotHeight;
        bars.push({ x: plot.left + c * group + group * 0.1 + k * barWidth, y: plot.bottom - h, width: barWidth, height: h, value, series: s.name, color: s.color, category });
      });
    });
    // Labels need about 64 pixels each; with many weeks only every few are written.
    const every = Math.max(1, Math.ceil((categories.length * 64) / plotWidth));
    const labels = categories
      .map((text, c) => ({ text, x: plot.left + c * group + group / 2, y: plot.bottom + 18 }))
      .filter((_l, c) => c % every === 0);
    const ticks = scale.ticks.map((value) => ({ value, y: plot.bottom - (value / scale.top) * plotHeight }));
    return { width, height, plot, bars, labels, ticks };
  }

  /**
   * One horizontal bar per row (rules), longest scale `max` if given (1 for a rate).
   * spec: { rows: [{ label, value, text }], color, width, max, whole }
   */
  function rowLayout(spec) {
    const width = spec.width || 640;
    const rows = spec.rows || [];
    const rowHeight = 30;
    const labelWidth = 180;
    const valueWidth = 64;
    const plot = { left: labelWidth, top: 8, right: width - valueWidth, bottom: 8 + rows.length * rowHeight };
    const height = plot.bottom + 28;
    const scale = spec.max ? { top: spec.max, ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => f * spec.max) } : niceScale(Math.max(0, ...rows.map((r) => amount(r.value))), 4, spec.whole !== false);
    const plotWidth = plot.right - plot.left;
    const bars = rows.map((row, i) => {
      const value = Math.min(amount(row.value), scale.top);
      const w = (value / scale.top) * plotWidth;
      return { x: plot.left, y: plot.top + i * rowHeight + 5, width: w, height: rowHeight - 10, value, label: row.label, text: row.text, color: spec.color };
    });
    const ticks = scale.ticks.map((value) => ({ value, x: plot.left + (value / scale.top) * plotWidth }));
    return { width, height, plot, bars, ticks };
  }

  // ---- drawing ----

  function node(doc, tag, attributes, text) {
    const element = doc.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
    if (text !== undefined) element.textContent = String(text);
    return element;
  }

  /** The <svg> shell: an image named by its title and description. */
  function frame(doc, layout, id, title, description) {
    const svg = node(doc, 'svg', { viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, class: 'chart', id });
    svg.appendChild(node(doc, 'title', { id: `${id}-title` }, title));
    svg.appendChild(node(doc, 'desc', { id: `${id}-desc` }, description));
    return svg;
  }

  const round = (n) => Math.round(n * 10) / 10;

  /** spec as for columnLayout, plus id, title, description and format(value) for tooltips. */
  function columnChart(doc, spec) {
    const layout = columnLayout(spec);
    const svg = frame(doc, layout, spec.id, spec.title, spec.description);
    const axis = node(doc, 'g', { class: 'axis', 'aria-hidden': 'true' });
    for (const tick of layout.ticks) {
      axis.appendChild(node(doc, 'line', { x1: layout.plot.left, x2: layout.plot.right, y1: round(tick.y), y2: round(tick.y), class: 'gridline' }));
      axis.appendChild(node(doc, 'text', { x: layout.plot.left - 6, y: round(tick.y) + 4, 'text-anchor': 'end' }, tick.value));
    }
    for (const label of layout.labels) axis.appendChild(node(doc, 'text', { x: round(label.x), y: label.y, 'text-anchor': 'middle' }, label.text));
    svg.appendChild(axis);
    const bars = node(doc, 'g', { class: 'bars' });
    for (const bar of layout.bars) {
      const rect = node(doc, 'rect', { x: round(bar.x), y: round(bar.y), width: round(Math.max(bar.width - 1, 1)), height: round(bar.height), fill: bar.color, 'data-series': bar.series, 'data-value': bar.value });
      rect.appendChild(node(doc, 'title', {}, `${bar.category}: ${bar.value} ${bar.series}`));
      bars.appendChild(rect);
    }
    svg.appendChild(bars);
    return svg;
  }

  /** spec as for rowLayout, plus id, title, description. Each row shows its text (or value) after the bar. */
  function rowChart(doc, spec) {
    const layout = rowLayout(spec);
    const svg = frame(doc, layout, spec.id, spec.title, spec.description);
    const axis = node(doc, 'g', { class: 'axis', 'aria-hidden': 'true' });
    for (const tick of layout.ticks) {
      axis.appendChild(node(doc, 'line', { x1: round(tick.x), x2: round(tick.x), y1: layout.plot.top, y2: layout.plot.bottom, class: 'gridline' }));
      axis.appendChild(node(doc, 'text', { x: round(tick.x), y: layout.plot.bottom + 18, 'text-anchor': 'middle' }, spec.tick ? spec.tick(tick.value) : tick.value));
    }
    svg.appendChild(axis);
    const bars = node(doc, 'g', { class: 'bars' });
    for (const bar of layout.bars) {
      const shown = bar.text !== undefined ? bar.text : String(bar.value);
      bars.appendChild(node(doc, 'text', { x: bar.x - 8, y: round(bar.y + bar.height / 2 + 5), 'text-anchor': 'end' }, bar.label));
      const rect = node(doc, 'rect', { x: bar.x, y: round(bar.y), width: round(Math.max(bar.width, bar.value > 0 ? 1 : 0)), height: round(bar.height), fill: bar.color, 'data-value': bar.value });
      rect.appendChild(node(doc, 'title', {}, `${bar.label}: ${shown}`));
      bars.appendChild(rect);
      bars.appendChild(node(doc, 'text', { x: round(bar.x + bar.width + 6), y: round(bar.y + bar.height / 2 + 5) }, shown));
    }
    svg.appendChild(bars);
    return svg;
  }

  root.gatewayCharts = { amount, niceScale, columnLayout, rowLayout, columnChart, rowChart };
})(window);
