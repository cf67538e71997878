/**
 * The quota scenario of the benchmark: the simulation with and without health memory, and the
 * all-parked answer timed in workerd. A report of figures beside the targets — never a
 * pass/fail test.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureParkedLatency, type ParkedLatency } from "./parked-latency.ts";
import {
  capacityPerMinute,
  KEY_COUNT,
  LIMITS,
  LOAD_FACTOR,
  MODELS,
  PROJECT_COUNT,
  SHARDS,
  SIMULATED_MINUTES,
} from "./scenario.ts";
import { type QuotaFigures, simulate } from "./simulate.ts";

export interface QuotaResults {
  scenario: string;
  simulation: QuotaFigures[];
  parked: ParkedLatency;
}

export async function runQuotaScenario(log: (message: string) => void): Promise<QuotaResults> {
  const simulation: QuotaFigures[] = [];
  for (const mode of ["health memory", "no health memory"] as const) {
    log(`quota scenario: ${SIMULATED_MINUTES} simulated minutes, ${mode}…`);
    simulation.push(await simulate(mode));
  }
  log("quota scenario: all-parked answer through the topology in workerd…");
  const parked = await measureParkedLatency();
  const limits = MODELS.map(
    (model) =>
      `${model} ${LIMITS[model].rpm} RPM / ${LIMITS[model].rpd} RPD (${capacityPerMinute(model)}/min in all)`,
  ).join(", ");
  return {
    scenario: `${KEY_COUNT} keys in ${PROJECT_COUNT} projects, backends of ${SHARDS.map((keys) => keys.length).join("/")} keys; ${limits}; one project without quota for ${MODELS[1]}; offered ${LOAD_FACTOR}× capacity for ${SIMULATED_MINUTES} simulated minutes`,
    simulation,
    parked,
  };
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

export function quotaMarkdown(results: QuotaResults): string {
  const [memory, blind] = results.simulation;
  const row = (name: string, target: string, value: (figures: QuotaFigures) => string) =>
    `| ${name} | ${target} | ${memory ? value(memory) : "–"} | ${blind ? value(blind) : "–"} |`;
  const { parked } = results;
  return [
    "## Quota scenario (issue 10)",
    "",
    results.scenario,
    "",
    "| figure | target | health memory | no health memory |",
    "| --- | --- | --- | --- |",
    row("requests offered / succeeded", "–", (f) => `${f.offered} / ${f.succeeded}`),
    row("upstream calls", "–", (f) => String(f.upstreamCalls)),
    row("upstream calls per success after warm-up", "≤ 1.2", (f) =>
      fixed(f.callsPerSuccessAfterWarmup),
    ),
    row("calls to a day-exhausted (key, model) after first seen", "0", (f) =>
      String(f.callsToDeadKeyModelAfterFirstSeen),
    ),
    row(
      "succeeded of what some key could serve",
      "100 %",
      (f) => `${fixed(f.servedOfServable * 100, 1)} %`,
    ),
    row("refused while capacity remained", "0", (f) => String(f.refusedWhileCapacityRemained)),
    row(
      "all parked: requests / upstream calls",
      "0 calls",
      (f) => `${f.allParked.requests} / ${f.allParked.upstreamCalls}`,
    ),
    row(
      "all parked: answer p50 / p95 (ms, in process)",
      "–",
      (f) => `${fixed(f.allParked.medianMs)} / ${fixed(f.allParked.p95Ms)}`,
    ),
    "",
    `All parked, through the orchestrator and three backends in workerd: ${parked.requests} requests, ${parked.upstreamCallsWhileParked} upstream calls, p50 ${fixed(parked.parkedMedianMs)} ms (p95 ${fixed(parked.parkedP95Ms)} ms) against a floor of ${fixed(parked.floorMedianMs)} ms for a request the backend refuses itself: **${fixed(parked.addedMedianMs)} ms added** (target: under 5 ms, no upstream call).`,
    "",
  ].join("\n");
}

export function writeQuotaReport(directory: string, results: QuotaResults): string[] {
  mkdirSync(directory, { recursive: true });
  const markdown = join(directory, "quota-report.md");
  const json = join(directory, "quota-results.json");
  writeFileSync(markdown, `${quotaMarkdown(results)}\n`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  return [markdown, json];
}
