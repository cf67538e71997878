import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shortHash } from "../../deploy/fingerprint.ts";
import { backendKeyNames, backendKeyPrints, planShards } from "../../deploy/plan.ts";
import { WORKER_SETTINGS, type WorkerKind } from "../../deploy/worker-vars.ts";
import { localWorkers } from "../../scripts/local-topology.ts";
import { ROOT } from "../support/workerd.ts";

const keys = Array.from({ length: 10 }, (_, index) => ({
  sourceName: `KEY${index + 11}`,
  value: `local-key-${index}`,
}));

/** Rows of the README's configuration table: variable → the workers its second column names. */
function documentedSettings(): Map<string, WorkerKind[]> {
  const readme = readFileSync(`${ROOT}/README.md`, "utf8");
  const start = readme.indexOf("### Configuration");
  const table = readme.slice(start, readme.indexOf("\n### ", start + 1));
  const rows = new Map<string, WorkerKind[]>();
  for (const line of table.split("\n")) {
    const match = /^\| `([A-Z_<>i]+)`[^|]*\| ([^|]+) \|/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const workers = (["backend", "orchestrator"] as const).filter((kind) =>
      match[2]?.includes(kind),
    );
    rows.set(match[1], workers);
  }
  return rows;
}

/** Documented, but not plain settings a user sets: secrets, and what the tooling writes itself. */
const NOT_SETTINGS = new Set([
  "PASS",
  "TOKEN_SECRET",
  "ANALYTICS_API_TOKEN",
  "KEY1",
  "KEY_NAMES",
  "BACKEND_SERVICE_<i>",
  "BACKEND_WEIGHTS",
  "BACKEND_KEYS",
  "PORT",
  "INSPECTOR_PORT",
]);

describe("npm start's workers", () => {
  it("get every documented setting from the environment, on the workers the README names", () => {
    const env = Object.fromEntries(WORKER_SETTINGS.map(({ name }) => [name, `value of ${name}`]));
    const workers = localWorkers(planShards(keys), {
      env,
      pass: "local-pass",
      upstream: undefined,
    });
    expect(workers.map((worker) => worker.name)).toEqual([
      "router-orchestrator",
      "zen-ai-router-worker-0",
      "zen-ai-router-worker-1",
    ]);
    for (const setting of WORKER_SETTINGS) {
      for (const worker of workers) {
        const kind: WorkerKind = worker.name === "router-orchestrator" ? "orchestrator" : "backend";
        expect(worker.vars[setting.name], `${setting.name} on ${worker.name}`).toBe(
          setting.workers.includes(kind) ? `value of ${setting.name}` : undefined,
        );
      }
    }
  });

  it("leave out settings that are unset or empty, and point the backends at the emulator when it runs", () => {
    const workers = localWorkers(planShards(keys.slice(0, 2)), {
      env: { CORS_ORIGINS: " ", GEMINI_BASE_URL: "https://elsewhere.test" },
      pass: undefined,
      upstream: "http://127.0.0.1:9",
    });
    const [orchestrator, backend] = workers;
    expect(orchestrator?.vars).toEqual({
      BACKEND_WEIGHTS: '{"BACKEND_SERVICE_0":2}',
      BACKEND_KEYS: JSON.stringify(backendKeyPrints(planShards(keys.slice(0, 2)))),
    });
    expect(orchestrator?.secrets).toEqual({});
    expect(backend?.vars.GEMINI_BASE_URL).toBe("http://127.0.0.1:9");
    expect(backend?.vars.CORS_ORIGINS).toBeUndefined();
  });

  it("hold keys and PASS as secrets and name each key by its variable in KEY_NAMES", () => {
    const [, first, second] = localWorkers(planShards(keys), {
      env: {},
      pass: "local-pass",
      upstream: undefined,
    });
    expect(first?.secrets).toMatchObject({ KEY1: "local-key-0", PASS: "local-pass" });
    expect(second?.secrets.KEY1).toBe("local-key-5");
    const names = JSON.parse(second?.vars.KEY_NAMES ?? "{}") as Record<string, string>;
    expect(names).toEqual(
      Object.fromEntries(keys.slice(5).map((key) => [shortHash(key.value), key.sourceName])),
    );
    for (const worker of [first, second]) {
      for (const value of Object.values(worker?.vars ?? {})) expect(value).not.toMatch(/local-key/);
    }
    expect(backendKeyNames([])).toBe("{}");
  });
});

describe("npm start's per-user tokens", () => {
  it("give TOKEN_SECRET to every worker as a secret and the orchestrator a binding per rate limit", () => {
    const workers = localWorkers(planShards(keys), {
      env: { RATE_LIMITS: "60, 5 x 600" },
      pass: "local-pass",
      tokenSecret: "a-token-secret-of-at-least-32-characters",
      upstream: undefined,
    });
    for (const worker of workers) {
      expect(worker.secrets.TOKEN_SECRET).toBe("a-token-secret-of-at-least-32-characters");
      expect(Object.values(worker.vars).join()).not.toContain("a-token-secret");
    }
    expect(workers[0]?.ratelimits).toEqual({
      RATE_LIMIT_5: { simple: { limit: 5, period: 60 } },
      RATE_LIMIT_60: { simple: { limit: 60, period: 60 } },
      RATE_LIMIT_600: { simple: { limit: 600, period: 60 } },
    });
    expect(workers[1]?.ratelimits).toEqual({});
    expect(workers[1]?.vars.RATE_LIMITS).toBeUndefined();
  });
});

describe("the configuration table", () => {
  it("lists exactly the settings deploy/worker-vars.ts forwards, with the same workers", () => {
    const documented = documentedSettings();
    expect(documented.size).toBeGreaterThan(8);
    const settings = new Map(WORKER_SETTINGS.map((setting) => [setting.name, setting.workers]));
    for (const [name, workers] of documented) {
      if (NOT_SETTINGS.has(name) || name.startsWith("KEY")) continue;
      expect(settings.get(name), `${name} is documented but not forwarded`).toEqual(workers);
    }
    for (const [name, workers] of settings) {
      expect(documented.get(name), `${name} is forwarded but not documented`).toEqual(workers);
    }
  });
});
