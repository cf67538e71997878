/**
 * The two load shapes: sequential interleaved rounds at concurrency 1 (our own timed client, for
 * the added latency) and fixed concurrency with autocannon (for throughput, and latency under load).
 */
import { Agent, request as httpRequest } from "node:http";
import autocannon from "autocannon";
import { type Summary, summarize } from "./stats.ts";
import type { RequestSpec } from "./workloads.ts";

export interface Timing {
  status: number;
  /** From sending the request to the first body byte (first SSE event of a stream), ms. */
  firstByteMs: number;
  /** To the end of the response, ms. */
  totalMs: number;
  bytes: number;
  /** The last bytes of the body, to check a stream ended properly. */
  tail: string;
}

/** One request on a keep-alive agent, timed with performance.now(). */
export function timeRequest(agent: Agent, base: string, spec: RequestSpec): Promise<Timing> {
  const url = new URL(spec.path, base);
  const body = Buffer.from(spec.body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByte = Number.NaN;
    let bytes = 0;
    let tail = "";
    const outgoing = httpRequest(
      url,
      {
        method: spec.method,
        agent,
        headers: { ...spec.headers, "content-length": String(body.length) },
      },
      (response) => {
        response.on("data", (chunk: Buffer) => {
          if (Number.isNaN(firstByte)) firstByte = performance.now() - started;
          bytes += chunk.length;
          tail = (tail + chunk.toString("latin1")).slice(-64);
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            firstByteMs: firstByte,
            totalMs: performance.now() - started,
            bytes,
            tail,
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

export interface RoundTarget {
  name: string;
  url: string;
  spec: RequestSpec;
  /** Whether a 200 response is complete (e.g. an OpenAI stream ends with [DONE]). */
  isComplete(timing: Timing): boolean;
}

export interface RoundSamples {
  /** Per round, the total time of each request, ms. */
  totals: number[][];
  /** Per round, the time to first body byte of each request, ms. */
  firstBytes: number[][];
  errors: number;
}

export interface RoundsPlan {
  warmup: number;
  rounds: number;
  perRound: number;
}

/**
 * Concurrency 1: warm-up requests on every target, then `rounds` rounds in which each target in
 * turn (direct first) sends `perRound` requests, one after another on a persistent connection.
 */
export async function runRounds(
  targets: readonly RoundTarget[],
  plan: RoundsPlan,
): Promise<Map<string, RoundSamples>> {
  const agents = new Map(targets.map((target) => [target.name, new Agent({ keepAlive: true })]));
  const samples = new Map<string, RoundSamples>(
    targets.map((target) => [target.name, { totals: [], firstBytes: [], errors: 0 }]),
  );
  const send = async (target: RoundTarget) => {
    const agent = agents.get(target.name) as Agent;
    const timing = await timeRequest(agent, target.url, target.spec).catch(() => null);
    const ok = timing !== null && timing.status === 200 && target.isComplete(timing);
    return ok ? timing : null;
  };
  try {
    for (const target of targets) {
      for (let index = 0; index < plan.warmup; index++) await send(target);
    }
    for (let round = 0; round < plan.rounds; round++) {
      for (const target of targets) {
        const entry = samples.get(target.name) as RoundSamples;
        const totals: number[] = [];
        const firstBytes: number[] = [];
        for (let index = 0; index < plan.perRound; index++) {
          const timing = await send(target);
          if (!timing) {
            entry.errors++;
            continue;
          }
          totals.push(timing.totalMs);
          firstBytes.push(timing.firstByteMs);
        }
        entry.totals.push(totals);
        entry.firstBytes.push(firstBytes);
      }
    }
  } finally {
    for (const agent of agents.values()) agent.destroy();
  }
  return samples;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** 2xx responses completed. */
  completed: number;
  requestsPerSecond: number;
  /** Connection errors, timeouts and non-2xx answers. */
  failures: number;
  latency: Summary;
  /** Time to the first body byte, per request, under this load. */
  firstByte: Summary;
}

/** `connections` persistent connections sending `spec` back to back for `seconds`. */
export function runLoad(
  base: string,
  spec: RequestSpec,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const firstBytes: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(spec.path, base).toString(),
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 30,
        setupClient(client) {
          let sentAt = Number.NaN;
          client.on("request", () => {
            sentAt = performance.now();
          });
          client.on("body", () => {
            if (Number.isNaN(sentAt)) return;
            firstBytes.push(performance.now() - sentAt);
            sentAt = Number.NaN;
          });
        },
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          connections,
          seconds: result.duration,
          completed: latencies.length,
          requestsPerSecond: latencies.length / result.duration,
          failures: result.errors + result.non2xx,
          latency: summarize(latencies),
          firstByte: summarize(firstBytes),
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, milliseconds) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(milliseconds);
    });
  });
}
