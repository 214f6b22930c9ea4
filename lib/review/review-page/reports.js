// The reports page: the governance report from GET /api/report, as charts (Chart.js, served from
// the chart.js package as /review/chart.umd.js) with the same numbers in tables. It signs in with the review page's token, kept in this browser tab
// (sessionStorage), and puts everything on the page with textContent.
/* global document, window, sessionStorage, fetch */
/* Chart: the global of Chart.js's UMD build. */
'use strict';

(function reportsPage() {
  const TOKEN_KEY = 'gateway-review-token';
  const $ = (id) => document.getElementById(id);
  const Chart = window.Chart;

  /** Colours with at least 3:1 contrast on white; the legend and tables carry the same information. */
  const COLOURS = { scanned: '#505a5f', held: '#d4351c', passed: '#1d70b8', overridden: '#912b88', released: '#00703c', rejected: '#942514', rate: '#1d70b8' };

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function say(message, isError) {
    $('status').textContent = message;
    $('status').classList.toggle('error', Boolean(isError));
  }

  const day = (iso) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortWeek = (week) => new Date(week + 'T00:00:00Z').toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const percent = (rate) => (rate === null ? 'not reviewed yet' : Math.round(rate * 100) + '%');
  const hours = (value) => {
    if (value === null) return '–';
    const minutes = Math.round(value * 60);
    if (minutes < 1) return 'a minute';
    return value < 1 ? minutes + ' minutes' : value + ' hours';
  };

  function legend(list, names) {
    for (const name of names) {
      const item = el('li');
      const swatch = el('span', '', 'swatch');
      swatch.style.backgroundColor = COLOURS[name];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name[0].toUpperCase() + name.slice(1)));
      list.appendChild(item);
    }
  }

  function tableRows(body, rows) {
    for (const row of rows) {
      const tr = el('tr');
      row.forEach((cell, i) => {
        const td = el(i === 0 ? 'th' : 'td', cell);
        if (i === 0) td.scope = 'row';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  }

  /**
   * A chart on a canvas that is an image to assistive technology: its accessible name is the title
   * and its description states every number (the tables below repeat them). Drawn without
   * animation, so what is on screen is final as soon as the page has loaded.
   */
  function drawChart(id, title, description, config, height) {
    const box = el('div', undefined, 'chart-box');
    box.style.height = height + 'px';
    const canvas = el('canvas');
    canvas.id = id;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title);
    canvas.setAttribute('aria-describedby', id + '-desc');
    canvas.appendChild(document.createTextNode(description));
    box.appendChild(canvas);
    const desc = el('p', description, 'visually-hidden');
    desc.id = id + '-desc';
    box.appendChild(desc);
    const options = config.options || {};
    options.animation = false;
    options.responsive = true;
    options.maintainAspectRatio = false;
    options.plugins = Object.assign({ legend: { display: false } }, options.plugins || {});
    config.options = options;
    // Chart.js needs the canvas in the document to measure it.
    return { box, draw: () => new Chart(canvas, config) };
  }

  function place(containerId, chart) {
    $(containerId).appendChild(chart.box);
    chart.draw();
  }

  function weekChart(id, report, names, title) {
    const weeks = report.weeks;
    const description =
      title + '. ' + weeks.map((w) => 'Week of ' + shortWeek(w.week) + ': ' + names.map((n) => w[n] + ' ' + n).join(', ')).join('. ') + '.';
    return drawChart(id, title, description, {
      type: 'bar',
      data: {
        labels: weeks.map((w) => shortWeek(w.week)),
        datasets: names.map((name) => ({ label: name[0].toUpperCase() + name.slice(1), backgroundColor: COLOURS[name], data: weeks.map((w) => w[name]) })),
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }, 260);
  }

  /** One horizontal bar per rule. */
  function ruleChart(id, title, description, colour, rows, percentages) {
    const x = percentages ? { min: 0, max: 1, ticks: { callback: (value) => Math.round(value * 100) + '%' } } : { beginAtZero: true, ticks: { precision: 0 } };
    return drawChart(id, title, description, {
      type: 'bar',
      data: { labels: rows.map((r) => r.label), datasets: [{ label: title, backgroundColor: colour, data: rows.map((r) => r.value) }] },
      options: {
        indexAxis: 'y',
        scales: { x },
        plugins: percentages ? { tooltip: { callbacks: { label: (item) => Math.round(item.parsed.x * 100) + '%' } } } : {},
      },
    }, 60 + 36 * rows.length);
  }

  function show(report) {
    const t = report.totals;
    if (report.from === null) {
      $('period').textContent = 'No decisions have been recorded yet.';
    } else {
      $('period').textContent = 'From ' + day(report.from) + ' to ' + day(report.to) + '.';
    }
    const facts = [
      ['Scanned', t.scanned],
      ['Held', t.held],
      ['Passed', t.passed],
      ['Overridden', t.overridden],
      ['Released', t.released],
      ['Rejected', t.rejected],
      ['Waiting for review', t.waiting],
    ];
    if (t.auditHeld) facts.splice(2, 0, ['Would have been held (audit mode)', t.auditHeld]);
    if (t.sentBeforeReview) facts.splice(facts.length - 3, 0, ['Sent before review (WhatsApp Business app)', t.sentBeforeReview]);
    for (const [name, value] of facts) {
      $('totals').appendChild(el('dt', name));
      $('totals').appendChild(el('dd', value));
    }

    legend($('legend-messages'), ['scanned', 'held', 'passed']);
    legend($('legend-outcomes'), ['overridden', 'released', 'rejected']);
    place('chart-messages', weekChart('chart-messages-canvas', report, ['scanned', 'held', 'passed'], 'Messages scanned, held and passed per week'));
    place('chart-outcomes', weekChart('chart-outcomes-canvas', report, ['overridden', 'released', 'rejected'], 'Overrides, releases and rejections per week'));
    tableRows($('weeks-rows'), report.weeks.map((w) => [shortWeek(w.week), w.scanned, w.held, w.passed, w.overridden, w.released, w.rejected]));

    const rules = report.rules;
    $('rules-empty').hidden = rules.length > 0;
    if (rules.length) {
      place(
        'chart-holds',
        ruleChart('chart-holds-canvas', 'Holds per rule', 'Holds per rule. ' + rules.map((r) => r.rule + ': ' + r.holds).join(', ') + '.', COLOURS.held, rules.map((r) => ({ label: r.rule, value: r.holds })), false),
      );
      const reviewed = rules.filter((r) => r.releaseRate !== null);
      place(
        'chart-release-rate',
        ruleChart(
          'chart-release-rate-canvas',
          'Released after review, per rule',
          'Share of reviewed holds released, per rule. ' + rules.map((r) => r.rule + ': ' + percent(r.releaseRate)).join(', ') + '.',
          COLOURS.rate,
          (reviewed.length ? rules : []).map((r) => ({ label: r.rule, value: r.releaseRate === null ? 0 : r.releaseRate })),
          true,
        ),
      );
    }
    tableRows($('rules-rows'), rules.map((r) => [r.rule, r.holds, r.released, r.rejected, r.waiting, percent(r.releaseRate), r.overrides]));

    const time = report.timeToReview;
    $('time-summary').textContent = time.reviewed
      ? time.reviewed + ' reviewed. Half were decided within ' + hours(time.medianHours) + ', nine in ten within ' + hours(time.p90Hours) + '; the longest took ' + hours(time.longestHours) + '.'
      : 'Nothing has been reviewed yet.';
    $('time-waiting').textContent = time.waiting ? time.waiting + ' waiting for review; the oldest has waited ' + hours(time.oldestWaitingHours) + '.' : 'Nothing is waiting for review.';
    if (report.skippedLines) say(report.skippedLines + ' line(s) of the decision log could not be read and were left out.', true);
    else say('');
    $('report').hidden = false;
  }

  async function start() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      say('');
      $('signin-needed').hidden = false;
      return;
    }
    let response;
    try {
      response = await fetch('/api/report', { headers: { authorization: 'Bearer ' + token, accept: 'application/json' } });
    } catch {
      say('The report could not be loaded. Check the gateway is running and reload the page.', true);
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      say('');
      $('signin-needed').hidden = false;
      return;
    }
    if (!response.ok) {
      say(body.message || 'The report could not be loaded (' + response.status + ').', true);
      return;
    }
    show(body);
  }

  start();
})();
