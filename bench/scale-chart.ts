import type { ScaleSeries } from './scaling';

const PANEL_W = 300;
const PANEL_H = 200;
const PAD = { left: 44, right: 12, top: 40, bottom: 40 };
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * (i) as an SVG: one panel per series, each value over the smallest size's
 * (1 = flat), with the goal's ratio as a dashed line. Written beside
 * bench/results/latest.md by bench/run.ts.
 */
export function renderScaleChart(series: ScaleSeries[], title: string): string {
  const width = PANEL_W * Math.max(1, series.length);
  const height = PANEL_H + 30;
  const panels = series.map((s, index) => {
    const x0 = index * PANEL_W;
    const base = s.points[0]?.value || 1;
    const ratios = s.points.map((pt) => pt.value / base);
    const top = Math.max(s.limit * 1.2, ...ratios);
    const plotW = PANEL_W - PAD.left - PAD.right;
    const plotH = PANEL_H - PAD.top - PAD.bottom;
    const x = (i: number) => x0 + PAD.left + (s.points.length === 1 ? plotW / 2 : (i * plotW) / (s.points.length - 1));
    const y = (ratio: number) => 30 + PAD.top + plotH - (ratio / top) * plotH;
    const ticks = [0, 0.5, 1, 1.5, 2, 3, 4].filter((t) => t <= top);
    return [
      `<text x="${x0 + PANEL_W / 2}" y="${30 + 18}" text-anchor="middle" font-size="12">${escape(s.figure)}</text>`,
      ...ticks.map((t) => `<line x1="${x0 + PAD.left}" x2="${x0 + PANEL_W - PAD.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${x0 + PAD.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="10">${t}×</text>`),
      `<line x1="${x0 + PAD.left}" x2="${x0 + PANEL_W - PAD.right}" y1="${y(s.limit)}" y2="${y(s.limit)}" stroke="#c33" stroke-dasharray="4 3"/>`,
      `<text x="${x0 + PANEL_W - PAD.right}" y="${y(s.limit) - 4}" text-anchor="end" font-size="10" fill="#c33">goal ≤ ${s.limit}×</text>`,
      `<polyline fill="none" stroke="#2a6" stroke-width="2" points="${ratios.map((r, i) => `${x(i)},${y(r)}`).join(' ')}"/>`,
      ...s.points.map(
        (pt, i) =>
          `<circle cx="${x(i)}" cy="${y(ratios[i])}" r="3" fill="#2a6"/><text x="${x(i)}" y="${y(ratios[i]) - 7}" text-anchor="middle" font-size="10">${pt.value} ${escape(s.unit)}</text>` +
          `<text x="${x(i)}" y="${30 + PANEL_H - PAD.bottom + 18}" text-anchor="middle" font-size="10">${sizeLabel(pt.size)}</text>`,
      ),
    ].join('\n');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="13" font-weight="bold">${escape(title)}</text>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
