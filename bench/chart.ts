/** A hand-written SVG: per workload, the latency CDF of every path at concurrency 1. */
import type { RoundsRow } from "./results.ts";
import { percentile, sortAscending } from "./stats.ts";

const WIDTH = 760;
const PANEL = 230;
const MARGIN = { left: 60, right: 170, top: 34, bottom: 36 };
const COLORS = ["#333333", "#1f77b4", "#17becf", "#d62728", "#ff7f0e", "#9467bd", "#8c564b"];

const escapeXml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function panel(rows: RoundsRow[], top: number): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL - MARGIN.top - MARGIN.bottom;
  const sorted = rows.map((row) => sortAscending(row.samples));
  // Clip to p1..p99 across paths so one outlier does not flatten every curve.
  const low = Math.min(...sorted.map((samples) => percentile(samples, 0.01)));
  const high = Math.max(...sorted.map((samples) => percentile(samples, 0.99)));
  const span = high - low || 1;
  const x = (value: number) =>
    MARGIN.left + (Math.min(Math.max(value, low), high) - low) * (plotWidth / span);
  const y = (fraction: number) => top + MARGIN.top + (1 - fraction) * plotHeight;
  const parts: string[] = [];
  const title = `${rows[0]?.workload ?? ""}: latency CDF at concurrency 1 (ms)`;
  parts.push(
    `<text x="${MARGIN.left}" y="${top + 20}" font-weight="bold">${escapeXml(title)}</text>`,
  );
  parts.push(
    `<rect x="${MARGIN.left}" y="${y(1)}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#ccc"/>`,
  );
  for (let tick = 0; tick <= 5; tick++) {
    const value = low + (span * tick) / 5;
    const position = x(value).toFixed(1);
    parts.push(
      `<line x1="${position}" x2="${position}" y1="${y(0)}" y2="${y(1)}" stroke="#eee"/>`,
      `<text x="${position}" y="${y(0) + 16}" text-anchor="middle">${value.toFixed(1)}</text>`,
    );
  }
  for (const fraction of [0, 0.5, 0.9, 1]) {
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${y(fraction) + 4}" text-anchor="end">p${Math.round(fraction * 100)}</text>`,
    );
  }
  sorted.forEach((samples, index) => {
    const color = COLORS[index % COLORS.length];
    const points = samples
      .map((value, rank) => `${x(value).toFixed(1)},${y((rank + 1) / samples.length).toFixed(1)}`)
      .join(" ");
    const label = `${rows[index]?.path ?? ""} (p50 ${percentile(samples, 0.5).toFixed(2)})`;
    const legendY = top + MARGIN.top + 14 + index * 18;
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points}"/>`,
      `<rect x="${WIDTH - MARGIN.right + 12}" y="${legendY - 9}" width="10" height="10" fill="${color}"/>`,
      `<text x="${WIDTH - MARGIN.right + 28}" y="${legendY}">${escapeXml(label)}</text>`,
    );
  });
  return parts.join("\n");
}

export function latencyChart(rounds: RoundsRow[]): string {
  const workloads = [...new Set(rounds.map((row) => row.workload))];
  const height = PANEL * workloads.length;
  const panels = workloads.map((workload, index) =>
    panel(
      rounds.filter((row) => row.workload === workload && row.samples.length > 0),
      index * PANEL,
    ),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    ...panels,
    "</svg>",
    "",
  ].join("\n");
}
