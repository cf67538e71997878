import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import {
  expectNoSecretLeaked,
  fakeCloudflare,
  makeKeys,
  type RecordedCall,
} from "./deploy-harness.ts";

/**
 * What sharing the gateway needs from a deploy: TOKEN_SECRET uploaded as a secret to every
 * worker, REVOKED_TOKENS as a var, the Rate Limiting bindings on the entry worker only (so each
 * request is counted once), and the usage dataset on every worker.
 */
const PASS = "fake-pass-secret-value";
const TOKEN_SECRET = "fake-token-secret-0123456789abcdef-0123456789";

interface Config {
  name: string;
  vars?: Record<string, string>;
  ratelimits?: { name: string; namespace_id: string; simple: { limit: number; period: number } }[];
  analytics_engine_datasets?: { binding: string; dataset: string }[];
}

const deployed = (calls: RecordedCall[]) =>
  calls
    .filter((call) => call.argv[0] === "deploy")
    .map((call) => {
      const text = String(call.files[call.argv[call.argv.indexOf("--config") + 1] ?? ""]);
      const config = parse(text) as unknown as Config;
      const secretsFile = call.argv[call.argv.indexOf("--secrets-file") + 1] ?? "";
      const upload = call.files[secretsFile] as { secrets: Record<string, string> } | undefined;
      return { config, secrets: upload?.secrets ?? {} };
    });

describe("deploying per-user tokens, limits and usage", () => {
  it("gives production's orchestrator the rate limits and every worker the secret and dataset", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production"], {
      ...makeKeys(9),
      PASS,
      TOKEN_SECRET,
      RATE_LIMITS: "60, 5,600,abc",
      REVOKED_TOKENS: "id1,id2",
      ANALYTICS_API_TOKEN: "fake-analytics-read-token-value",
    });
    expect(result.code, result.stderr).toBe(0);
    const workers = deployed(fake.calls());
    expect(workers.map(({ config }) => config.name)).toEqual([
      "zen-ai-router-worker-0",
      "zen-ai-router-worker-1",
      "router-orchestrator",
    ]);
    for (const { config, secrets } of workers) {
      expect(secrets.TOKEN_SECRET).toBe(TOKEN_SECRET);
      expect(config.vars?.REVOKED_TOKENS).toBe("id1,id2");
      expect(config.analytics_engine_datasets).toEqual([
        { binding: "USAGE", dataset: "zen_ai_router_usage" },
      ]);
    }
    const [backend, , orchestrator] = workers;
    expect(backend?.config.ratelimits).toBeUndefined();
    expect(backend?.config.vars?.RATE_LIMITS).toBeUndefined();
    expect(orchestrator?.config.vars?.RATE_LIMITS).toBe("60, 5,600,abc");
    // The status page's usage: only the orchestrator gets the read-only analytics token.
    expect(orchestrator?.secrets.ANALYTICS_API_TOKEN).toBe("fake-analytics-read-token-value");
    expect(orchestrator?.config.vars?.CLOUDFLARE_ACCOUNT_ID).toMatch(/\S/);
    expect(backend?.secrets.ANALYTICS_API_TOKEN).toBeUndefined();
    expect(orchestrator?.config.ratelimits).toEqual([
      { name: "RATE_LIMIT_5", namespace_id: "1060005", simple: { limit: 5, period: 60 } },
      { name: "RATE_LIMIT_60", namespace_id: "1060060", simple: { limit: 60, period: 60 } },
      { name: "RATE_LIMIT_600", namespace_id: "1060600", simple: { limit: 600, period: 60 } },
    ]);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("makes a preview's lone backend the one that enforces the limits", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["preview", "--pr", "12"], {
      ...makeKeys(3),
      PASS,
      TOKEN_SECRET,
      RATE_LIMITS: "10",
      USAGE_DATASET: "none",
    });
    expect(result.code, result.stderr).toBe(0);
    const [preview] = deployed(fake.calls());
    expect(preview?.secrets.TOKEN_SECRET).toBe(TOKEN_SECRET);
    expect(preview?.config.ratelimits?.map((binding) => binding.name)).toEqual(["RATE_LIMIT_10"]);
    expect(preview?.config.analytics_engine_datasets).toBeUndefined();
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("refuses a short TOKEN_SECRET before deploying anything", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production"], {
      ...makeKeys(2),
      PASS,
      TOKEN_SECRET: "short",
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("TOKEN_SECRET is shorter than 32 characters");
    expect(deployed(fake.calls())).toEqual([]);
  });
});
