/**
 * workerd CPU per request of chosen paths and workloads, measured in alternating rounds: in each
 * round every (workload, path) pair in turn sends a fixed number of requests at a fixed
 * concurrency, and the CPU workerd spent from the first request to the last answer is divided by
 * that number. A fixed number (not a duration) counts every stream whole; alternating rounds let a
 * per-round ratio cancel the drift of a shared machine. Used by bench/compare-cpu.ts and the
 * report's CPU table (bench/main.ts).
 */
import { Agent } from "node:http";
import { timeRequest } from "./load.ts";
import { cpuSeconds } from "./processes.ts";
import type { RequestSpec } from "./workloads.ts";

export interface CpuTarget {
  /** `path` or `path?query` — what the rows are called. */
  name: string;
  workload: string;
  url: string;
  spec: RequestSpec;
}

export interface CpuPlan {
  rounds: number;
  /** Requests per (target, round). */
  requests: number;
  concurrency: number;
  /** Requests per target sent before the first round (not measured). */
  warmup: number;
}

/** Per target (`workload path`), the CPU µs per request of each round. */
export type CpuSamples = Map<string, number[]>;

export const sampleKey = (target: { workload: string; name: string }) =>
  `${target.workload} ${target.name}`;

/** Sends `count` requests over `concurrency` keep-alive connections; throws on a failed one. */
async function sendMany(target: CpuTarget, count: number, concurrency: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left--;
      // A keep-alive connection the worker closed between two requests: sent again on a new one.
      let timing = await timeRequest(agent, target.url, target.spec).catch(() => null);
      for (let retry = 0; timing === null && retry < 3; retry++) {
        timing = await timeRequest(agent, target.url, target.spec).catch(() => null);
      }
      if (timing === null) throw new Error(`${target.name}: ${target.workload} failed 4 times`);
      if (timing.status !== 200) {
        throw new Error(`${target.name} answered ${target.workload} with ${timing.status}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } finally {
    agent.destroy();
  }
}

/**
 * The targets in the order of round `round`: each round starts one target later. workerd's CPU is
 * counted per process, so the garbage one worker leaves can be collected — and billed — while
 * the next target runs: in a fixed order the target after a different worker read ~20 % dearer
 * than the same build one place later. Rotating spreads that over every target.
 */
export function inRoundOrder<T>(targets: readonly T[], round: number): T[] {
  const start = targets.length === 0 ? 0 : round % targets.length;
  return [...targets.slice(start), ...targets.slice(0, start)];
}

export async function measureCpuRounds(
  targets: readonly CpuTarget[],
  plan: CpuPlan,
  workerdPids: readonly number[],
  log: (message: string) => void = () => {},
): Promise<CpuSamples> {
  const samples: CpuSamples = new Map(targets.map((target) => [sampleKey(target), []]));
  for (const target of targets) await sendMany(target, plan.warmup, plan.concurrency);
  for (let round = 0; round < plan.rounds; round++) {
    log(`CPU round ${round + 1} of ${plan.rounds}`);
    for (const target of inRoundOrder(targets, round)) {
      const before = cpuSeconds(workerdPids);
      await sendMany(target, plan.requests, plan.concurrency);
      const cpu = cpuSeconds(workerdPids) - before;
      samples.get(sampleKey(target))?.push((cpu * 1e6) / plan.requests);
    }
  }
  return samples;
}

export const median = (list: readonly number[]) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;

/** The median over rounds of `value / reference`, each pair from the same round. */
export function medianRatio(values: readonly number[], reference: readonly number[]): number {
  return median(values.map((value, round) => value / (reference[round] ?? Number.NaN)));
}
