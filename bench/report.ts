/** The report: markdown tables (printed and written), the JSON of every number, and the chart. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STAGES } from "./breakdown.ts";
import { latencyChart } from "./chart.ts";
import { freePlanMarkdown } from "./free-plan.ts";
import type { BenchResults } from "./results.ts";
import { judgeTargets } from "./targets.ts";

const fixed = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
const signed = (value: number, digits = 2) =>
  Number.isFinite(value) ? `${value >= 0 ? "+" : ""}${value.toFixed(digits)}` : "–";

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function toMarkdown(results: BenchResults): string {
  const sections: string[] = ["# zen-ai-router benchmark", ""];
  sections.push(
    table(
      ["setting", "value"],
      Object.entries(results.meta).map(([name, value]) => [name, String(value)]),
    ),
    "",
  );

  sections.push("## Targets", "");
  sections.push(
    table(
      ["goal", "result", "measured"],
      judgeTargets(results).map((verdict) => [
        verdict.goal,
        `**${verdict.verdict}**`,
        verdict.detail,
      ]),
    ),
    "",
  );

  if (results.cpu) sections.push(freePlanMarkdown(results.cpu), "");

  if (results.breakdown.length > 0) {
    sections.push(
      "## Backend CPU per request, by stage",
      "",
      "µs per request. parse / validate / translate / serialize: each stage timed in Node over many repetitions",
      "(request JSON and Gemini's answer or SSE events; valibot; OpenAI ⇄ Gemini; the upstream body and the",
      "client's answer or SSE frames). measured: the backend's workerd CPU per request under load (median over",
      "the load steps, 10 ms ticks). framework = measured − the stages: Hono, the runtime's HTTP, fetch, the pool.",
      "Node's V8 is older than workerd's, so the split is an estimate and the total is not.",
      "",
      table(
        ["workload", ...STAGES, "framework", "measured"],
        results.breakdown.map((entry) => {
          const staged = STAGES.reduce((sum, stage) => sum + entry.stages[stage], 0);
          return [
            entry.workload,
            ...STAGES.map((stage) => fixed(entry.stages[stage], 1)),
            fixed(entry.workerCpuMicros - staged, 0),
            fixed(entry.workerCpuMicros, 0),
          ];
        }),
      ),
      "",
    );
  }

  sections.push(
    "## Concurrency 1: interleaved rounds",
    "",
    "Latency in ms. *added* = median over rounds of (path's round median − direct's round median).",
    "",
  );
  sections.push(
    table(
      [
        "workload",
        "path",
        "n",
        "p50",
        "p90",
        "p99",
        "first byte p50",
        "added p50",
        "added first byte",
        "errors",
      ],
      results.rounds.map((row) => [
        row.workload,
        row.path,
        String(row.latency.count),
        fixed(row.latency.p50),
        fixed(row.latency.p90),
        fixed(row.latency.p99),
        fixed(row.firstByte.p50),
        signed(row.addedMs, 3),
        signed(row.firstByteAddedMs, 3),
        String(row.errors),
      ]),
    ),
    "",
  );
  if (results.proxyAddedMs !== null) {
    sections.push(
      `Miniflare's entry proxy in front of the 1-hop floor worker adds ${signed(results.proxyAddedMs, 3)} ms p50 over its direct socket (chat, c=1); every path above uses direct sockets.`,
      "",
    );
  }

  sections.push(
    "## Fixed concurrency (autocannon)",
    "",
    "Latency in ms; *added* = p50 − direct's p50 at the same concurrency. ⚠ = within 10% of the direct path's throughput (the upstream's ceiling): capped by the emulator, not by the path. *workerd CPU* = CPU time of the workerd process during the step ÷ requests completed (all workers on the path, incl. the runtime's HTTP work; 10 ms clock ticks, so read it at c=16/64).",
    "",
  );
  sections.push(
    table(
      [
        "workload",
        "path",
        "c",
        "req/s",
        "p50",
        "p90",
        "p99",
        "first byte p50",
        "added p50",
        "workerd CPU µs/req",
        "failures",
      ],
      results.load.map((row) => [
        row.workload,
        row.path,
        String(row.connections),
        `${fixed(row.requestsPerSecond, 1)}${row.atCeiling ? " ⚠" : ""}`,
        fixed(row.latency.p50),
        fixed(row.latency.p90),
        fixed(row.latency.p99),
        fixed(row.firstByte.p50),
        row.path === "direct" ? "–" : signed(row.addedMs, 2),
        fixed(row.workerCpuMicros, 0),
        String(row.failures),
      ]),
    ),
    "",
  );

  sections.push(
    "## Router vs floor worker (same hop count)",
    "",
    "Added latencies in ms over direct. *router − floor* = what the router adds beyond a bare forward with the same hops; *added ratio* = router-added ÷ floor-added latency (p50; goal ≤ 1.5; for streams the goal is judged on first byte, a stream's total being dominated by the jitter of its paced chunks); *first-byte ratio* the same for streams; *throughput ratio* = router req/s ÷ floor req/s (goal ≥ 0.7); *CPU/req ratio* = router's workerd CPU per request ÷ the floor's. – = the floor added too little to divide by (< 0.05 ms).",
    "",
  );
  sections.push(
    table(
      [
        "workload",
        "c",
        "pair",
        "router added",
        "floor added",
        "router − floor",
        "added ratio",
        "first-byte ratio",
        "throughput ratio",
        "CPU/req ratio",
      ],
      results.ratios.map((row) => [
        row.workload,
        row.source === "rounds" ? "1 (rounds)" : String(row.concurrency),
        row.pair,
        signed(row.routerAddedMs, 3),
        signed(row.floorAddedMs, 3),
        signed(row.routerAddedMs - row.floorAddedMs, 3),
        fixed(row.addedRatio),
        row.workload === "stream" ? fixed(row.firstByteRatio) : "",
        row.throughputRatio === null
          ? ""
          : `${fixed(row.throughputRatio)}${row.atCeiling ? " ⚠" : ""}`,
        row.source === "rounds" ? "" : fixed(row.cpuRatio),
      ]),
    ),
    "",
  );

  sections.push("## Microbenchmarks (tinybench, this process, no I/O)", "");
  sections.push(
    table(
      ["task", "mean µs", "p50 µs", "p99 µs", "±%", "samples", "MB/s"],
      results.micro.map((micro) => [
        micro.name,
        fixed(micro.meanMicros),
        fixed(micro.p50Micros),
        fixed(micro.p99Micros),
        fixed(micro.rme, 1),
        String(micro.samples),
        micro.megabytesPerSecond === undefined ? "" : fixed(micro.megabytesPerSecond, 1),
      ]),
    ),
    "",
  );
  return sections.join("\n");
}

/** Writes report.md, results.json and latency.svg into `directory`; answers their paths. */
export function writeReport(directory: string, results: BenchResults): string[] {
  mkdirSync(directory, { recursive: true });
  const markdown = join(directory, "report.md");
  const json = join(directory, "results.json");
  const svg = join(directory, "latency.svg");
  writeFileSync(markdown, `${toMarkdown(results)}\n![latency distributions](latency.svg)\n`);
  const { rounds, ...rest } = results;
  const withoutSamples = { ...rest, rounds: rounds.map(({ samples: _, ...row }) => row) };
  writeFileSync(
    json,
    `${JSON.stringify({ ...withoutSamples, targets: judgeTargets(results) }, null, 2)}\n`,
  );
  writeFileSync(svg, latencyChart(results.rounds));
  return [markdown, json, svg];
}
