/**
 * The report's one script of its own: it reads the chart data (an inert JSON element) and draws
 * it with the embedded plotly. It is a constant, never built from data, so the page's CSP can
 * allow exactly it by hash; run names reach plotly already entity-escaped (plotly reads a few
 * HTML tags in labels, so raw text could style or link). Its plotly configuration is the
 * studio's (shared/plot-config.ts: no logo, no cloud button).
 */
import { PLOT_CONFIG } from '../../../shared/plot-config';

export const CHARTS_ELEMENT_ID = 'dyno-charts';

export const DRAW_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('${CHARTS_ELEMENT_ID}').textContent);
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  var ink = dark ? '#d7dae0' : '#1f2328';
  var grid = dark ? '#2a2f3a' : '#e5e7eb';
  var config = ${JSON.stringify(PLOT_CONFIG)};
  function layout(extra) {
    var base = {
      paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', font: { color: ink, size: 12 },
      margin: { l: 64, r: 24, t: 16, b: 48 }, showlegend: true, legend: { orientation: 'h', y: -0.25 }, hovermode: 'x unified',
      xaxis: { gridcolor: grid, zeroline: false }, yaxis: { gridcolor: grid, zeroline: false }
    };
    for (var k in extra) {
      if (typeof extra[k] === 'object' && base[k]) { for (var j in extra[k]) base[k][j] = extra[k][j]; } else { base[k] = extra[k]; }
    }
    return base;
  }
  function draw(id, traces, extra) {
    var el = document.getElementById(id);
    if (!el) return;
    if (traces.length === 0) { el.textContent = 'No measured samples to draw.'; return; }
    Plotly.newPlot(el, traces, layout(extra), config);
  }
  var runs = data.runs.filter(function (r) { return r.count > 0; });
  var logX = data.scale === 'log' ? 'log' : 'linear';
  draw('chart-cdf', runs.map(function (r) {
    return { type: 'scatter', mode: 'lines', name: r.name, x: r.cdf.latencyMs, y: r.cdf.fraction, line: { color: r.colour, width: 2 } };
  }), { xaxis: { title: { text: 'latency (ms)' }, type: logX }, yaxis: { title: { text: 'fraction of iterations' }, range: [0, 1] } });
  var edges = data.binEdgesMs;
  var centres = edges.slice(1).map(function (e, i) { return logX === 'log' ? Math.sqrt(e * edges[i]) : (e + edges[i]) / 2; });
  var widths = edges.slice(1).map(function (e, i) { return e - edges[i]; });
  draw('chart-histogram', runs.map(function (r) {
    return { type: 'bar', name: r.name, x: centres, y: r.histogram, width: widths, marker: { color: r.colour }, opacity: runs.length > 1 ? 0.55 : 0.9 };
  }), { barmode: 'overlay', bargap: 0, xaxis: { title: { text: 'latency (ms)' }, type: logX }, yaxis: { title: { text: 'iterations' } } });
  draw('chart-box', runs.filter(function (r) { return r.box; }).map(function (r) {
    return { type: 'box', name: r.name, x: [r.name], q1: [r.box.q1], median: [r.box.median], q3: [r.box.q3],
      lowerfence: [r.box.lowerFence], upperfence: [r.box.upperFence], marker: { color: r.colour }, line: { color: r.colour } };
  }), { showlegend: false, hovermode: 'closest', yaxis: { title: { text: 'latency (ms)' } }, xaxis: { showticklabels: false } });
  // Latency and telemetry share one time axis, so a stall lines up with what the machine did.
  var times = [];
  data.runs.forEach(function (r) { times = times.concat(r.timeline.tS, r.telemetry.tS); });
  var span = times.length ? [Math.min.apply(null, times), Math.max.apply(null, times)] : undefined;
  draw('chart-timeline', runs.map(function (r) {
    // Points, not a line: a line from a slow iteration to the next would draw latencies never measured.
    return { type: 'scatter', mode: 'markers', name: r.name, x: r.timeline.tS, y: r.timeline.latencyMs, marker: { color: r.colour, size: 3 } };
  }), { xaxis: { title: { text: 'time since the first measured iteration (s)' }, range: span }, yaxis: { title: { text: 'latency (ms)' } } });
  var tele = [];
  data.runs.forEach(function (r) {
    if (r.telemetry.tS.length === 0) return;
    tele.push({ type: 'scatter', mode: 'lines', name: r.name + ' · CPU %', x: r.telemetry.tS, y: r.telemetry.cpuPct, line: { color: r.colour, width: 1.5 } });
    if (r.telemetry.gpuPowerW.some(function (v) { return v !== null; })) {
      tele.push({ type: 'scatter', mode: 'lines', name: r.name + ' · GPU W', x: r.telemetry.tS, y: r.telemetry.gpuPowerW, yaxis: 'y2', line: { color: r.colour, width: 1.5, dash: 'dot' } });
    }
  });
  draw('chart-telemetry', tele, {
    xaxis: { title: { text: 'time since the first measured iteration (s)' }, range: span },
    yaxis: { title: { text: 'CPU load (%)' }, rangemode: 'tozero' },
    yaxis2: { title: { text: 'GPU power (W)' }, overlaying: 'y', side: 'right', rangemode: 'tozero', gridcolor: grid }
  });
  document.documentElement.setAttribute('data-charts', 'drawn');
})();
`;
