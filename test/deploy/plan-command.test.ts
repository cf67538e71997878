import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectNoSecretLeaked, fakeCloudflare, makeKeys } from "./deploy-harness.ts";

const PASS = "fake-pass-secret-value";
const keyNames = (count: number) => Array.from({ length: count }, (_, index) => `KEY${index + 1}`);
const shortHash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 6);

describe("deploy plan", () => {
  it("shows updates, creations, stale secrets and deletions from what Cloudflare has, changing nothing", async () => {
    const deployed = Object.fromEntries(
      Array.from({ length: 5 }, (_, index) => [
        `zen-ai-router-worker-${index}`,
        { secrets: [...keyNames(8), "PASS"].sort() },
      ]),
    );
    const fake = await fakeCloudflare(deployed);
    const keys = makeKeys(17);
    const result = await fake.deploy(["plan"], { ...keys, PASS });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("17 keys → 3 backend(s) of at most 8 keys; 5 deployed now");
    expect(result.stdout).toContain("~ zen-ai-router-worker-0: 6 keys (removes stale KEY7, KEY8)");
    expect(result.stdout).toContain(`KEY1 ← KEY13 (${shortHash(keys.KEY13 ?? "")})`);
    expect(result.stdout).toContain("- zen-ai-router-worker-3: deleted after");
    expect(result.stdout).toContain("- zen-ai-router-worker-4: deleted after");
    expect(result.stdout).not.toContain("zen-ai-router-worker-5");
    expect(result.stdout).toContain("BACKEND_SERVICE_2 → zen-ai-router-worker-2 (weight 5)");
    expect(fake.workers()).toEqual(deployed);
    expect(fake.calls().every((call) => call.argv[0] === "secret" && call.argv[1] === "list")).toBe(
      true,
    );
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("with --offline asks Cloudflare nothing, needs no PASS, and marks every backend create-or-update", async () => {
    const fake = await fakeCloudflare();
    const result = await fake.deploy(["plan", "--offline"], makeKeys(9));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("(offline: current state not checked)");
    expect(result.stdout).toContain("± zen-ai-router-worker-1: 4 keys");
    expect(fake.calls()).toHaveLength(0);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });
});
