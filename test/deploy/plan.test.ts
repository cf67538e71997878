import fc from "fast-check";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { backendSecrets, collectKeys, type KeyEntry, planShards } from "../../deploy/plan.ts";
import {
  backendConfig,
  orchestratorConfig,
  type Placement,
  placementFor,
  toToml,
} from "../../deploy/wrangler-config.ts";

const keysOf = (count: number): KeyEntry[] =>
  Array.from({ length: count }, (_, index) => ({
    sourceName: `KEY${index + 1}`,
    value: `v${index}`,
  }));

describe("planShards", () => {
  it("assigns every key exactly once, never above keysPerWorker, with sizes differing by at most one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 16 }),
        (count, perWorker) => {
          const plan = planShards(keysOf(count), { keysPerWorker: perWorker });
          const assigned = plan.backends.flatMap((backend) => backend.keys.map((key) => key.value));
          expect(assigned).toEqual(keysOf(count).map((key) => key.value));
          expect(plan.backends).toHaveLength(Math.ceil(count / perWorker));
          const sizes = plan.backends.map((backend) => backend.keys.length);
          expect(Math.max(...sizes)).toBeLessThanOrEqual(perWorker);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect(planShards(keysOf(count), { keysPerWorker: perWorker })).toEqual(plan);
        },
      ),
    );
  });

  it("names backends and bindings by index", () => {
    const plan = planShards(keysOf(17));
    expect(
      plan.backends.map((backend) => [backend.name, backend.binding, backend.keys.length]),
    ).toEqual([
      ["zen-ai-router-worker-0", "BACKEND_SERVICE_0", 6],
      ["zen-ai-router-worker-1", "BACKEND_SERVICE_1", 6],
      ["zen-ai-router-worker-2", "BACKEND_SERVICE_2", 5],
    ]);
    expect(backendSecrets(plan.backends[2] as (typeof plan.backends)[number], "p")).toEqual({
      KEY1: "v12",
      KEY2: "v13",
      KEY3: "v14",
      KEY4: "v15",
      KEY5: "v16",
      PASS: "p",
    });
  });

  it("plans nothing for no keys", () => {
    expect(planShards([]).backends).toEqual([]);
  });
});

describe("collectKeys", () => {
  it("reads KEY1..KEY100 in order, skipping gaps and empty values, dropping duplicates with a warning that names no value", () => {
    const { keys, warnings } = collectKeys({
      KEY3: "c",
      KEY1: "a",
      KEY2: "  ",
      KEY10: "a",
      KEY100: "z",
      KEY101: "beyond",
    });
    expect(keys).toEqual([
      { sourceName: "KEY1", value: "a" },
      { sourceName: "KEY3", value: "c" },
      { sourceName: "KEY100", value: "z" },
    ]);
    expect(warnings).toEqual(["KEY10 holds the same key as KEY1; it is used once."]);
  });
});

const placements: Array<Placement | undefined> = [
  undefined,
  { mode: "smart" },
  { mode: "targeted", region: "gcp:us-central1" },
];

describe("generated wrangler configs", () => {
  it("parse back to the same data", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(...placements),
        (count, placement) => {
          const plan = planShards(keysOf(count));
          const orchestrator = orchestratorConfig(plan, { main: "src/index.ts", placement });
          expect(parse(toToml(orchestrator))).toEqual(orchestrator);
          const backend = backendConfig("zen-ai-router-worker-0", {
            main: "src/index.ts",
            placement,
          });
          expect(parse(toToml(backend))).toEqual(backend);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("give the orchestrator one service binding per backend and the key-count weights", () => {
    const config = orchestratorConfig(planShards(keysOf(17)), { main: "src/index.ts" });
    expect(config.services).toEqual([
      { binding: "BACKEND_SERVICE_0", service: "zen-ai-router-worker-0" },
      { binding: "BACKEND_SERVICE_1", service: "zen-ai-router-worker-1" },
      { binding: "BACKEND_SERVICE_2", service: "zen-ai-router-worker-2" },
    ]);
    expect(JSON.parse(config.vars?.BACKEND_WEIGHTS ?? "")).toEqual({
      BACKEND_SERVICE_0: 6,
      BACKEND_SERVICE_1: 6,
      BACKEND_SERVICE_2: 5,
    });
    expect(config.observability.enabled).toBe(true);
    expect(config.placement).toBeUndefined();
    expect(placementFor({ smartPlacement: true, placementRegion: null })).toEqual({
      mode: "smart",
    });
  });

  it("place a backend next to a Gemini region with targeted placement, as wrangler's schema has it", () => {
    const placement = placementFor({ smartPlacement: false, placementRegion: "gcp:us-central1" });
    const toml = toToml(backendConfig("zen-ai-router-worker-0", { main: "x", placement }));
    expect(parse(toml).placement).toEqual({ mode: "targeted", region: "gcp:us-central1" });
    expect(placementFor({ smartPlacement: false, placementRegion: null })).toBeUndefined();
  });
});
