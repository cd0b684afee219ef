// Hand-written SVG bar chart for `npm run bench`: one panel per backend (each with its own scale,
// since cpu is ~30x slower than wasm), one pair of horizontal bars per widget: our hook against the
// bare library, ms per frame (median). No chart dependency.

import { dirname, join, resolve } from 'node:path';

/** The tracked chart the docs show; only `npm run bench -- --chart` redraws it. */
export const DOCS_CHART = 'docs/benchmark-chart.svg';

/**
 * Where a bench run draws its chart: beside its JSON (bench/results/, untracked) so that a run
 * leaves the tree clean, or over the tracked docs chart when `chart` is set.
 * @param {string} root the repository root
 * @param {{ out: string, chart: boolean }} args `out`: the JSON path, relative to `root`
 */
export function chartDestination(root, { out, chart }) {
  return chart ? resolve(root, DOCS_CHART) : join(dirname(resolve(root, out)), 'benchmark-chart.svg');
}

const COLORS = { hook: '#2563eb', bare: '#9ca3af' };
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmt = (ms) => (ms === 0 ? '0' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** A round axis maximum at or above `value` (1, 2, 2.5 or 5 times a power of ten), and its tick step. */
function niceScale(value) {
  const raw = Math.max(value, 1e-3) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return { max: step * Math.ceil(value / step), step };
}

/**
 * @param {{ widget: string, label: string, backend: string, hook: number | null, bare: number | null }[]} rows
 *   ms per frame; rows with a missing value are drawn as "not measured".
 * @param {{ title?: string, footnote?: string }} [options]
 * @returns {string} a standalone SVG document
 */
export function renderChart(rows, { title = 'ms per frame: our hook vs the bare library (median, lower is better)', footnote = '' } = {}) {
  const backends = [...new Set(rows.map((r) => r.backend))];
  const width = 760;
  const left = 150;
  const right = 70;
  const plot = width - left - right;
  const bar = 14;
  const gap = 3;
  const groupGap = 14;
  const out = [];
  let y = 28;

  out.push(`<text x="${width / 2}" y="${y}" text-anchor="middle" font-size="15" font-weight="600">${escape(title)}</text>`);
  y += 22;
  // Legend.
  const legend = [
    ['hook', 'our hook (usePose / useFaceInfo / useTrainableClassifier)'],
    ['bare', 'bare library (pose-detection / face-api / MobileNet embedding)'],
  ];
  for (const [key, text] of legend) {
    out.push(`<rect x="${left}" y="${y - 10}" width="12" height="12" fill="${COLORS[key]}"/>`);
    out.push(`<text x="${left + 18}" y="${y}" font-size="12">${escape(text)}</text>`);
    y += 18;
  }

  for (const backend of backends) {
    const panel = rows.filter((r) => r.backend === backend);
    const values = panel.flatMap((r) => [r.hook, r.bare]).filter((v) => typeof v === 'number' && Number.isFinite(v));
    const { max, step } = niceScale(values.length ? Math.max(...values) : 1);
    const x = (ms) => left + (ms / max) * plot;
    const height = panel.length * (2 * bar + gap + groupGap) - groupGap;
    y += 26;
    out.push(`<text x="${left}" y="${y}" font-size="13" font-weight="600">${escape(backend)} backend</text>`);
    y += 10;
    const top = y;
    // Grid and ticks.
    for (let t = 0; t <= max + step / 2; t += step) {
      out.push(`<line x1="${x(t).toFixed(1)}" y1="${top}" x2="${x(t).toFixed(1)}" y2="${top + height}" stroke="#e5e7eb"/>`);
      out.push(`<text x="${x(t).toFixed(1)}" y="${top + height + 14}" font-size="10" fill="#6b7280" text-anchor="middle">${Number(t.toPrecision(6))}</text>`);
    }
    out.push(`<text x="${left + plot}" y="${top + height + 28}" font-size="10" fill="#6b7280" text-anchor="end">ms per frame</text>`);
    for (const row of panel) {
      out.push(`<text x="${left - 8}" y="${y + bar + 4}" font-size="12" text-anchor="end">${escape(row.label)}</text>`);
      for (const key of ['hook', 'bare']) {
        const value = row[key];
        if (typeof value === 'number' && Number.isFinite(value)) {
          out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(value) - left).toFixed(1)}" height="${bar}" fill="${COLORS[key]}"><title>${escape(`${row.label} on ${backend}, ${key}: ${fmt(value)} ms`)}</title></rect>`);
          out.push(`<text x="${(x(value) + 4).toFixed(1)}" y="${y + bar - 3}" font-size="11">${fmt(value)}</text>`);
        } else {
          out.push(`<text x="${left + 4}" y="${y + bar - 3}" font-size="11" fill="#6b7280">${key}: not measured</text>`);
        }
        y += bar + gap;
      }
      y += groupGap - gap;
    }
    y = top + height + 30;
  }
  if (footnote) {
    y += 14;
    out.push(`<text x="${left}" y="${y}" font-size="10" fill="#6b7280">${escape(footnote)}</text>`);
  }
  y += 12;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" role="img" aria-labelledby="chart-title" font-family="${FONT}" fill="#111827">`,
    `<title id="chart-title">${escape(title)}</title>`,
    `<rect width="${width}" height="${y}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
