import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../deploy/wrangler.ts";
import { expectNoSecretLeaked, fakeCloudflare, makeKeys } from "./deploy-harness.ts";

const PASS = "fake-pass-secret-value";
const keyNames = (count: number) => Array.from({ length: count }, (_, index) => `KEY${index + 1}`);
/** Whether a process runs (a zombie nobody has reaped yet has stopped running). */
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return !/^\d+ \(.*\) Z/.test(stat);
};
const backend = (keys: number) => ({ secrets: [...keyNames(keys), "PASS"].sort() });
const commandsOf = (calls: { argv: string[] }[]) =>
  calls.map((call) => {
    const name = call.argv[call.argv.indexOf("--name") + 1];
    return call.argv[0] === "deploy" ? "deploy" : `${call.argv.slice(0, 3).join(" ")} ${name}`;
  });

describe("deploy production finds and deletes every orphan, and only ours", () => {
  it("deletes backends above a gap in the indices, which probing upwards would never find", async () => {
    const fake = await fakeCloudflare({
      "zen-ai-router-worker-0": backend(6),
      "zen-ai-router-worker-1": backend(6),
      "zen-ai-router-worker-2": backend(5),
      "zen-ai-router-worker-5": backend(5),
    });
    const result = await fake.deploy(["production"], { ...makeKeys(5), PASS });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "Found on Cloudflare: zen-ai-router-worker-0, zen-ai-router-worker-1, zen-ai-router-worker-2, zen-ai-router-worker-5.",
    );
    expect(Object.keys(fake.workers()).sort()).toEqual([
      "router-orchestrator",
      "zen-ai-router-worker-0",
    ]);
    expect(result.stdout).toContain("zen-ai-router-worker-5: no longer needed, deleted");
    expect(fake.api.unknown).toEqual([]);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("never deletes a backend that another orchestrator still binds: it says so and exits non-zero", async () => {
    const fake = await fakeCloudflare({
      "zen-ai-router-worker-0": backend(3),
      "zen-ai-router-worker-1": backend(3),
      "zen-ai-router-worker-2": backend(3),
      "router-orchestrator": { secrets: ["PASS"] },
      "old-router": {
        secrets: [],
        services: [{ binding: "BACKEND_SERVICE_2", service: "zen-ai-router-worker-2" }],
      },
    });
    const result = await fake.deploy(["production"], { ...makeKeys(5), PASS });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /zen-ai-router-worker-2 was not deleted: old-router \(service binding\)/,
    );
    expect(result.stderr).toContain("could not be deleted");
    expect(fake.workers()).toHaveProperty("zen-ai-router-worker-2");
    expect(fake.workers()).not.toHaveProperty("zen-ai-router-worker-1");
    expect(fake.workers()["router-orchestrator"]?.services).toEqual([
      { binding: "BACKEND_SERVICE_0", service: "zen-ai-router-worker-0" },
    ]);
    for (const call of fake.calls()) expect(call.argv).not.toContain("--force");
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("shows in the plan which backend it will refuse to delete, and why", async () => {
    const fake = await fakeCloudflare({
      "zen-ai-router-worker-0": backend(3),
      "zen-ai-router-worker-4": backend(3),
      "old-router": {
        secrets: [],
        services: [{ binding: "BACKEND_SERVICE_4", service: "zen-ai-router-worker-4" }],
      },
    });
    const result = await fake.deploy(["plan"], makeKeys(3));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "found on Cloudflare: zen-ai-router-worker-0, zen-ai-router-worker-4",
    );
    expect(result.stdout).toContain(
      "! zen-ai-router-worker-4: not needed, but old-router (service binding) still depend(s) on it; production will refuse to delete it",
    );
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });
});

describe("deploy production keeps keys until their replacement is live", () => {
  it("uploads the new version first, then removes the stale KEY secrets", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend(8) });
    const result = await fake.deploy(["production"], { ...makeKeys(5), PASS });
    expect(result.code, result.stderr).toBe(0);
    const commands = commandsOf(fake.calls());
    expect(commands.slice(0, 5)).toEqual([
      "secret list --name zen-ai-router-worker-0",
      "deploy",
      "secret delete KEY6 zen-ai-router-worker-0",
      "secret delete KEY7 zen-ai-router-worker-0",
      "secret delete KEY8 zen-ai-router-worker-0",
    ]);
    expect(fake.workers()["zen-ai-router-worker-0"]?.secrets).toEqual(backend(5).secrets);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("a failed upload leaves the backend's previous keys in place", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend(8) });
    const result = await fake.deploy(["production"], {
      ...makeKeys(5),
      PASS,
      FAKE_WRANGLER_FAIL: "zen-ai-router-worker-0",
    });
    expect(result.code).not.toBe(0);
    expect(fake.workers()["zen-ai-router-worker-0"]?.secrets).toEqual(backend(8).secrets);
    expect(fake.calls().some((call) => call.argv[1] === "delete")).toBe(false);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("reads secret list's JSON from stdout, so a warning banner on stderr does not hide stale keys", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend(8) });
    const result = await fake.deploy(["production"], {
      ...makeKeys(5),
      PASS,
      FAKE_WRANGLER_BANNER: "1",
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("removed stale KEY6, KEY7, KEY8");
    expect(fake.workers()["zen-ai-router-worker-0"]?.secrets).toEqual(backend(5).secrets);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("stops when secret list prints something that is not JSON, rather than reading it as no secrets", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend(8) });
    const result = await fake.deploy(["production"], {
      ...makeKeys(5),
      PASS,
      FAKE_WRANGLER_SECRET_LIST: "Your Worker has secrets: KEY1 …",
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/printed something other than a JSON list/);
    expect(fake.calls().some((call) => call.argv[0] === "deploy")).toBe(false);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)(
    "on %s mid-deploy removes the temporary secrets file, stops wrangler and exits %i",
    async (signal, code) => {
      const fake = await fakeCloudflare();
      const child = spawn(process.execPath, ["deploy/cli.ts", "production"], {
        cwd: ROOT,
        env: fake.env({ ...makeKeys(9), PASS, FAKE_WRANGLER_HANG: "zen-ai-router-worker-1" }),
      });
      let stderr = "";
      child.stderr.on("data", (data) => {
        stderr += data;
      });
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      const marker = join(fake.dir, "hanging");
      while (!existsSync(marker)) await delay(20);
      const hanging = JSON.parse(readFileSync(marker, "utf8")) as {
        secretsFile: string;
        pid: number;
      };
      expect(existsSync(hanging.secretsFile)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(existsSync(hanging.secretsFile)).toBe(false);
      expect(existsSync(join(hanging.secretsFile, ".."))).toBe(false);
      expect(stderr).toContain(`interrupted by ${signal}`);
      // wrangler was stopped too, not left running with the secrets it had read.
      await expect.poll(() => isRunning(hanging.pid)).toBe(false);
      expect(Object.keys(fake.workers())).toEqual(["zen-ai-router-worker-0"]);
      expectNoSecretLeaked(fake, stderr);
    },
  );
});

describe("deploy production refuses what it cannot do safely", () => {
  it("refuses --max-bindings that cannot hold a backend's keys, PASS and vars, naming the fix", async () => {
    const fake = await fakeCloudflare();
    const tight = await fake.deploy(["production", "--max-bindings", "9"], {
      ...makeKeys(17),
      PASS,
      DEFAULT_MODEL: "gemini-2.5-pro",
      CORS_ORIGINS: "*",
      GEMINI_BASE_URL: "https://example.test",
    });
    expect(tight.code).toBe(1);
    expect(tight.stderr).toMatch(
      // KEY_NAMES is the fourth var: the user's names of the backend's keys.
      /6 keys, PASS and 4 var\(s\), more than --max-bindings 9: pass --keys-per-worker 4/,
    );
    const none = await fake.deploy(["preview", "--pr", "3", "--max-bindings", "2"], {
      ...makeKeys(4),
      PASS,
      DEFAULT_MODEL: "gemini-2.5-pro",
      CORS_ORIGINS: "*",
    });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /--max-bindings 2 leaves no room for keys: PASS and 3 var\(s\) already take 4/,
    );
    expect(fake.calls()).toHaveLength(0);
    const fits = await fake.deploy(
      ["production", "--max-bindings", "9", "--keys-per-worker", "4"],
      {
        ...makeKeys(17),
        PASS,
        DEFAULT_MODEL: "gemini-2.5-pro",
        CORS_ORIGINS: "*",
        GEMINI_BASE_URL: "https://example.test",
        FAKE_WRANGLER_MAX_BINDINGS: "9",
      },
    );
    expect(fits.code, fits.stderr).toBe(0);
    expectNoSecretLeaked(fake, tight.stderr, none.stderr, fits.stdout, fits.stderr);
  });

  it("removes beforehand only the stale keys that would not fit under the cap beside the new ones", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend(8) });
    // 9 secrets held, 6 keys + PASS + 3 vars (KEY_NAMES the third) coming: together 12, one
    // more than the cap.
    const result = await fake.deploy(["production", "--max-bindings", "11"], {
      ...makeKeys(6),
      PASS,
      DEFAULT_MODEL: "gemini-2.5-pro",
      CORS_ORIGINS: "*",
      FAKE_WRANGLER_MAX_BINDINGS: "11",
    });
    expect(result.code, result.stderr).toBe(0);
    expect(commandsOf(fake.calls()).slice(0, 4)).toEqual([
      "secret list --name zen-ai-router-worker-0",
      "secret delete KEY8 zen-ai-router-worker-0",
      "deploy",
      "secret delete KEY7 zen-ai-router-worker-0",
    ]);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("refuses to run without an API token or account id, before calling anything", async () => {
    const fake = await fakeCloudflare();
    const noAccount = await fake.deploy(["production"], {
      ...makeKeys(3),
      PASS,
      CLOUDFLARE_ACCOUNT_ID: "",
    });
    expect(noAccount.code).toBe(1);
    expect(noAccount.stderr).toMatch(/^error: CLOUDFLARE_ACCOUNT_ID is not set/m);
    const noToken = await fake.deploy(["cleanup", "--pr", "3"], { CLOUDFLARE_API_TOKEN: " " });
    expect(noToken.stderr).toMatch(/^error: CLOUDFLARE_API_TOKEN is not set/m);
    expect(fake.calls()).toHaveLength(0);
    expect(fake.api.requests).toHaveLength(0);
  });

  it("takes the workflow's unset repository variables (empty strings) as unset", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production"], {
      ...makeKeys(3),
      PASS,
      PLACEMENT_REGION: "",
      SMART_PLACEMENT: "",
      CF_MAX_WORKER_VARS: "",
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.stringify(fake.calls())).not.toContain("[placement]");
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("sets limits.cpu_ms on every worker with --cpu-ms, and refuses more than 300000", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production", "--cpu-ms", "50"], { ...makeKeys(9), PASS });
    expect(result.code, result.stderr).toBe(0);
    const configs = fake
      .calls()
      .filter((call) => call.argv[0] === "deploy")
      .map((call) => String(call.files[call.argv[call.argv.indexOf("--config") + 1] ?? ""]));
    expect(configs).toHaveLength(3);
    for (const config of configs) expect(config).toMatch(/\[limits\]\ncpu_ms = 50\n/);
    const tooMuch = await fake.deploy(["production", "--cpu-ms", "300001"], {
      ...makeKeys(2),
      PASS,
    });
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.stderr).toMatch(/can be at most 300000/);
    const notANumber = await fake.deploy(["production"], { ...makeKeys(2), PASS, CPU_MS: "10ms" });
    expect(notANumber.stderr).toMatch(/--cpu-ms must be a positive whole number, got "10ms"/);
    expectNoSecretLeaked(fake, result.stdout, result.stderr, tooMuch.stderr);
  });

  it("takes CPU_MS from the environment, and an empty CPU_MS as unset", async () => {
    const fromVariable = await fakeCloudflare();
    const preview = await fromVariable.deploy(["preview", "--pr", "4"], {
      ...makeKeys(2),
      PASS,
      CPU_MS: "30000",
    });
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.stringify(fromVariable.calls())).toContain("cpu_ms = 30000");
    const unset = await fakeCloudflare();
    await unset.deploy(["preview", "--pr", "5"], { ...makeKeys(2), PASS, CPU_MS: "" });
    expect(JSON.stringify(unset.calls())).not.toContain("[limits]");
    expectNoSecretLeaked(fromVariable, preview.stdout, preview.stderr);
  });

  it("places the backends next to a Gemini region with --placement-region or PLACEMENT_REGION", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["production", "--placement-region", "gcp:us-central1"], {
      ...makeKeys(9),
      PASS,
    });
    expect(result.code, result.stderr).toBe(0);
    const configs = fake
      .calls()
      .filter((call) => call.argv[0] === "deploy")
      .map((call) => String(call.files[call.argv[call.argv.indexOf("--config") + 1] ?? ""]));
    expect(configs.filter((config) => config.includes('region = "gcp:us-central1"'))).toHaveLength(
      2,
    );
    expect(configs.find((config) => config.includes("router-orchestrator"))).not.toContain(
      "[placement]",
    );
    expect(configs[0]).toMatch(/\[placement\]\nmode = "targeted"\nregion = "gcp:us-central1"/);
    const fromVariable = await fakeCloudflare();
    await fromVariable.deploy(["preview", "--pr", "4"], {
      ...makeKeys(2),
      PASS,
      PLACEMENT_REGION: "aws:us-east-1",
    });
    expect(JSON.stringify(fromVariable.calls())).toContain('region = \\"aws:us-east-1\\"');
    const wrong = await fake.deploy(["production", "--placement-region", "us-central1"], {
      ...makeKeys(2),
      PASS,
    });
    expect(wrong.stderr).toMatch(/must be a cloud region such as gcp:us-central1/);
    expectNoSecretLeaked(fake, result.stdout, result.stderr, wrong.stderr);
  });
});
