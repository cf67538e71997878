import { existsSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { keyPrintOf, shortHash } from "../../deploy/fingerprint.ts";
import {
  expectNoSecretLeaked,
  fakeCloudflare,
  makeKeys,
  type RecordedCall,
} from "./deploy-harness.ts";

const PASS = "fake-pass-secret-value";

interface SecretsUpload {
  mode: number;
  secrets: Record<string, string>;
}

const configText = (call: RecordedCall) =>
  String(call.files[call.argv[call.argv.indexOf("--config") + 1] ?? ""]);
const deployedName = (call: RecordedCall) => /^name = "(.+)"$/m.exec(configText(call))?.[1];
const deployedNames = (calls: RecordedCall[]) =>
  calls.filter((call) => call.argv[0] === "deploy").map(deployedName);

describe("deploy production", () => {
  it.each([
    [1, 1],
    [8, 1],
    [9, 2],
    [17, 3],
    [100, 13],
  ])("deploys %i keys to %i backends, then the orchestrator", async (keyCount, backends) => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production"], { ...makeKeys(keyCount), PASS });
    expect(result.code, result.stderr).toBe(0);
    const names = deployedNames(fake.calls());
    expect(names).toEqual([
      ...Array.from({ length: backends }, (_, index) => `zen-ai-router-worker-${index}`),
      "router-orchestrator",
    ]);
    expect(result.stdout).toContain(`[${backends + 1}/${backends + 1}] router-orchestrator`);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("uploads each backend exactly its own keys, renamed KEY1..KEYk, with its deploy from a 0600 file removed afterwards", async () => {
    const fake = await fakeCloudflare();
    const keys = makeKeys(17);
    const result = await fake.deploy(["production"], { ...keys, PASS });
    expect(result.code, result.stderr).toBe(0);
    const uploads = fake.calls().map((call) => {
      const file = call.argv[call.argv.indexOf("--secrets-file") + 1] ?? "";
      return { call, file, upload: call.files[file] as SecretsUpload | undefined };
    });
    const byWorker = Object.fromEntries(
      uploads
        .filter(({ call }) => call.argv.includes("--secrets-file"))
        .map(({ call, file, upload }) => {
          expect(call.argv[0]).toBe("deploy");
          expect(upload?.mode).toBe(0o600);
          expect(existsSync(file)).toBe(false);
          return [deployedName(call), upload?.secrets];
        }),
    );
    expect(Object.keys(byWorker)).toHaveLength(4);
    expect(byWorker["zen-ai-router-worker-0"]).toEqual({
      KEY1: keys.KEY1,
      KEY2: keys.KEY2,
      KEY3: keys.KEY3,
      KEY4: keys.KEY4,
      KEY5: keys.KEY5,
      KEY6: keys.KEY6,
      PASS,
    });
    expect(byWorker["zen-ai-router-worker-2"]).toEqual({
      KEY1: keys.KEY13,
      KEY2: keys.KEY14,
      KEY3: keys.KEY15,
      KEY4: keys.KEY16,
      KEY5: keys.KEY17,
      PASS,
    });
    expect(byWorker["router-orchestrator"]).toEqual({ PASS });
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("forwards the optional settings as plain vars, never the keys or PASS", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production"], {
      ...makeKeys(9),
      PASS,
      DEFAULT_MODEL: "gemini-2.5-pro",
      CORS_ORIGINS: "https://app.example",
      GEMINI_BASE_URL: "",
    });
    expect(result.code, result.stderr).toBe(0);
    const configs = Object.fromEntries(
      fake
        .calls()
        .filter((call) => call.argv[0] === "deploy")
        .map((call) => [deployedName(call), parse(configText(call))]),
    );
    // KEY_NAMES: which repository secret each of its keys came from (KEY6..KEY9 here), by the
    // fingerprint its status and logs show, never the key.
    const keyValues = Object.values(makeKeys(9));
    expect(configs["zen-ai-router-worker-1"]?.vars).toEqual({
      DEFAULT_MODEL: "gemini-2.5-pro",
      CORS_ORIGINS: "https://app.example",
      KEY_NAMES: JSON.stringify({
        [shortHash(keyValues[5] ?? "")]: "KEY6",
        [shortHash(keyValues[6] ?? "")]: "KEY7",
        [shortHash(keyValues[7] ?? "")]: "KEY8",
        [shortHash(keyValues[8] ?? "")]: "KEY9",
      }),
    });
    const prints = Object.values(makeKeys(9)).map(keyPrintOf);
    expect(configs["router-orchestrator"]?.vars).toEqual({
      CORS_ORIGINS: "https://app.example",
      BACKEND_WEIGHTS: JSON.stringify({ BACKEND_SERVICE_0: 5, BACKEND_SERVICE_1: 4 }),
      // Prints (8 hex digits of each key's SHA-256), never the keys.
      BACKEND_KEYS: JSON.stringify({
        BACKEND_SERVICE_0: prints.slice(0, 5),
        BACKEND_SERVICE_1: prints.slice(5),
      }),
    });
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("binds the orchestrator to every backend with key-count weights, and no storage bindings", async () => {
    const fake = await fakeCloudflare();
    await fake.deploy(["production"], { ...makeKeys(17), PASS });
    const orchestrator = fake
      .calls()
      .filter((call) => call.argv[0] === "deploy")
      .map(configText)
      .find((config) => config.includes('name = "router-orchestrator"'));
    expect(orchestrator).toContain('binding = "BACKEND_SERVICE_2"');
    expect(orchestrator).toContain('service = "zen-ai-router-worker-2"');
    expect(orchestrator).toContain('BACKEND_SERVICE_0\\":6');
    expect(orchestrator).not.toMatch(/durable_objects|d1_databases|r2_buckets|kv_namespaces/);
    expect(orchestrator).toMatch(/\[observability\]\s+enabled = true/);
    expect(orchestrator).toContain("workers_dev = true");
    const backend = fake
      .calls()
      .map((call) => Object.values(call.files)[0])
      .find((config) => String(config).includes('name = "zen-ai-router-worker-0"'));
    // Backends are reached only through the orchestrator's service bindings.
    expect(backend).toContain("workers_dev = false");
  });

  it("shrinking from 17 to 5 keys deletes the orphan backends after the orchestrator and removes stale KEY secrets", async () => {
    const fake = await fakeCloudflare();
    const first = await fake.deploy(["production"], { ...makeKeys(17), PASS });
    expect(first.code, first.stderr).toBe(0);
    expect(fake.workers()["zen-ai-router-worker-0"]?.secrets).toContain("KEY6");

    const before = fake.calls().length;
    const second = await fake.deploy(["production"], { ...makeKeys(5, "kept"), PASS });
    expect(second.code, second.stderr).toBe(0);
    const calls = fake.calls().slice(before);
    const orchestratorAt = calls.findIndex(
      (call) => call.argv[0] === "deploy" && deployedName(call) === "router-orchestrator",
    );
    const deletions = calls
      .map((call, index) => ({ call, index }))
      .filter(({ call }) => call.argv[0] === "delete");
    expect(deletions.map(({ call }) => call.argv[call.argv.indexOf("--name") + 1])).toEqual([
      "zen-ai-router-worker-1",
      "zen-ai-router-worker-2",
    ]);
    for (const { index } of deletions) expect(index).toBeGreaterThan(orchestratorAt);
    expect(Object.keys(fake.workers()).sort()).toEqual([
      "router-orchestrator",
      "zen-ai-router-worker-0",
    ]);
    expect(fake.workers()["zen-ai-router-worker-0"]?.secrets).toEqual([
      "KEY1",
      "KEY2",
      "KEY3",
      "KEY4",
      "KEY5",
      "PASS",
    ]);
    expect(second.stdout).toMatch(/zen-ai-router-worker-0: 5 keys, removed stale KEY6/);
    expectNoSecretLeaked(fake, first.stdout, second.stdout, second.stderr);
  });

  it("stops at the first failing backend, says so, and never touches the orchestrator", async () => {
    const failing = await fakeCloudflare();
    const failed = await failing.deploy(["production"], {
      ...makeKeys(17),
      PASS,
      FAKE_WRANGLER_FAIL: "zen-ai-router-worker-1",
    });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain("zen-ai-router-worker-1");
    expect(failed.stderr).toContain("router-orchestrator was not touched");
    expect(deployedNames(failing.calls())).not.toContain("router-orchestrator");
    expectNoSecretLeaked(failing, failed.stdout, failed.stderr);
  });

  it("refuses to run without keys or without PASS, with a short message", async () => {
    const fake = await fakeCloudflare();
    const noKeys = await fake.deploy(["production"], { PASS });
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toMatch(/^error: No Gemini keys found/m);
    expect(noKeys.stderr).not.toMatch(/\n\s+at /);
    const noPass = await fake.deploy(["production"], makeKeys(3));
    expect(noPass.stderr).toMatch(/PASS is not set/);
    expect(fake.calls()).toHaveLength(0);
  });
});
