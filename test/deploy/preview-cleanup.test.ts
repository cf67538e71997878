import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { shortHash } from "../../deploy/fingerprint.ts";
import { expectNoSecretLeaked, fakeCloudflare, makeKeys } from "./deploy-harness.ts";

const PASS = "fake-pass-secret-value";

describe("deploy preview", () => {
  it("deploys one worker holding all keys, no orchestrator, and prints its URL", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["preview", "--pr", "42"], { ...makeKeys(17), PASS });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(fake.workers())).toEqual(["zen-ai-router-worker-preview-42"]);
    expect(fake.workers()["zen-ai-router-worker-preview-42"]?.secrets).toHaveLength(18);
    expect(result.stdout).toContain("https://zen-ai-router-worker-preview-42.example.workers.dev");
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("deploys as many keys as fit under the free plan's 64 vars + secrets, and says so", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["preview", "--pr", "7"], { ...makeKeys(70), PASS });
    expect(result.code, result.stderr).toBe(0);
    // PASS and KEY_NAMES (the user's names of the keys it holds) leave room for 62 keys.
    expect(result.stdout).toMatch(/70 keys do not fit.*first 62/s);
    expect(fake.workers()["zen-ai-router-worker-preview-7"]?.secrets).toHaveLength(63);
    const deploy = fake.calls().find((call) => call.argv[0] === "deploy");
    const config = String(deploy?.files[deploy.argv[deploy.argv.indexOf("--config") + 1] ?? ""]);
    const names = JSON.parse(
      (parse(config) as { vars: Record<string, string> }).vars.KEY_NAMES ?? "{}",
    ) as Record<string, string>;
    expect(new Set(Object.values(names))).toEqual(
      new Set(Array.from({ length: 62 }, (_, index) => `KEY${index + 1}`)),
    );
    expect(names[shortHash(makeKeys(70).KEY62 ?? "")]).toBe("KEY62");
    const paid = await fakeCloudflare();
    await paid.deploy(["preview", "--pr", "7", "--max-bindings", "128"], { ...makeKeys(70), PASS });
    expect(paid.workers()["zen-ai-router-worker-preview-7"]?.secrets).toHaveLength(71);
    expectNoSecretLeaked(fake, result.stdout);
  });

  it("counts vars against the cap and removes beforehand the stale keys that would not fit beside the new ones", async () => {
    const before = Array.from({ length: 63 }, (_, index) => `KEY${index + 1}`);
    const fake = await fakeCloudflare({
      "zen-ai-router-worker-preview-7": { secrets: [...before, "PASS"].sort() },
    });
    const result = await fake.deploy(["preview", "--pr", "7"], {
      ...makeKeys(70),
      PASS,
      DEFAULT_MODEL: "gemini-2.5-pro",
      FAKE_WRANGLER_MAX_BINDINGS: "64",
    });
    expect(result.code, result.stderr).toBe(0);
    // PASS, DEFAULT_MODEL and KEY_NAMES leave room for 61 keys.
    expect(result.stdout).toMatch(/first 61/);
    const commands = fake.calls().map((call) => call.argv.slice(0, 3).join(" "));
    const deployAt = commands.findIndex((command) => command.startsWith("deploy"));
    for (const stale of ["KEY62", "KEY63"]) {
      expect(commands.indexOf(`secret delete ${stale}`)).toBeGreaterThan(-1);
      expect(commands.indexOf(`secret delete ${stale}`)).toBeLessThan(deployAt);
    }
    const secrets = fake.workers()["zen-ai-router-worker-preview-7"]?.secrets ?? [];
    expect(secrets).toHaveLength(62);
    expect(secrets).not.toContain("KEY62");
    expect(secrets).not.toContain("KEY63");
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("refuses a missing or malformed --pr", async () => {
    const fake = await fakeCloudflare();
    expect((await fake.deploy(["preview"], { ...makeKeys(2), PASS })).stderr).toMatch(/--pr/);
    expect(
      (await fake.deploy(["preview", "--pr", "abc"], { ...makeKeys(2), PASS })).stderr,
    ).toMatch(/--pr must be a positive whole number/);
  });
});

describe("deploy cleanup", () => {
  it("deletes the preview worker without --force and confirms it is gone", async () => {
    const fake = await fakeCloudflare({
      "zen-ai-router-worker-preview-42": { secrets: ["KEY1", "PASS"] },
    });
    const result = await fake.deploy(["cleanup", "--pr", "42"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.workers()).toEqual({});
    expect(fake.calls().find((call) => call.argv[0] === "delete")?.argv).toEqual([
      "delete",
      "--name",
      "zen-ai-router-worker-preview-42",
    ]);
    expect(result.stdout).toContain("zen-ai-router-worker-preview-42: deleted.");
  });

  it("succeeds quietly when the preview is already gone", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["cleanup", "--pr", "42"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("already gone");
  });
});
