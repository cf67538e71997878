/**
 * The project's pinned wrangler (not the recording fake) against a fake Cloudflare API on
 * loopback: what wrangler really asks and how its failures really read. Every test also checks
 * that wrangler asked the fake nothing it does not know.
 */
import { describe, expect, it } from "vitest";
import { expectNoSecretLeaked, fakeCloudflare, makeKeys } from "./deploy-harness.ts";
import { FIXTURES } from "./fake-cloudflare-api.ts";

const backend = { secrets: ["KEY1", "KEY2", "KEY3", "PASS"] };
const preview = "zen-ai-router-worker-preview-8";
const real = { realWrangler: true };
const keyNames = (count: number) => Array.from({ length: count }, (_, index) => `KEY${index + 1}`);

describe("plan with the real wrangler", () => {
  it("lists every backend, above a gap in the indices too, and shows what it found", async () => {
    const fake = await fakeCloudflare(
      {
        "zen-ai-router-worker-0": backend,
        "zen-ai-router-worker-1": backend,
        "zen-ai-router-worker-4": backend,
      },
      real,
    );
    const result = await fake.deploy(["plan"], makeKeys(9));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("9 keys → 2 backend(s) of at most 8 keys; 3 deployed now");
    expect(result.stdout).toContain(
      "found on Cloudflare: zen-ai-router-worker-0, zen-ai-router-worker-1, zen-ai-router-worker-4",
    );
    expect(result.stdout).toContain("~ zen-ai-router-worker-1: 4 keys");
    expect(result.stdout).toContain("- zen-ai-router-worker-4: deleted after");
    expect(fake.api.unknown).toEqual([]);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("stops with the cause when Cloudflare refuses the token, reporting nothing as absent", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend }, real);
    const result = await fake.deploy(["plan"], { ...makeKeys(3), CLOUDFLARE_API_TOKEN: "expired" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /API token was refused, HTTP 403 \(Authentication error \[code: 10000\]\)/,
    );
    expect(result.stdout).not.toContain("deployed now");
  });

  it("stops when wrangler's secret list is refused, instead of taking the backend for absent", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend }, real);
    fake.api.fail({ path: /\/secrets$/, ...FIXTURES.tokenRefused });
    const result = await fake.deploy(["plan"], makeKeys(3));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("zen-ai-router-worker-0: could not read its secrets");
    expect(result.stderr).toMatch(/Authentication error \[code: 10000\]/);
    expect(result.stdout).not.toContain("+ zen-ai-router-worker-0");
  });

  it("stops on a 500 from Cloudflare, naming it", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend }, real);
    fake.api.fail({ path: /./, ...FIXTURES.internalError });
    const result = await fake.deploy(["plan"], makeKeys(3));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Cloudflare failed, HTTP 500 \(An unknown error has occurred \[code: 10013\]\)/,
    );
  });

  it("refuses to guess an account: no account id, no request", async () => {
    const fake = await fakeCloudflare({ "zen-ai-router-worker-0": backend }, real);
    const result = await fake.deploy(["plan"], { ...makeKeys(3), CLOUDFLARE_ACCOUNT_ID: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/CLOUDFLARE_ACCOUNT_ID is not set/);
    expect(fake.api.requests).toEqual([]);
  });

  it("names an unreachable API", async () => {
    const fake = await fakeCloudflare({}, real);
    await fake.api.close();
    const result = await fake.deploy(["plan"], makeKeys(3));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+\/client\/v4/);
  });
});

describe("production with the real wrangler", () => {
  it("uploads first, removes stale keys after, deletes orphans above a gap and refuses a foreign-bound one", async () => {
    const fake = await fakeCloudflare(
      {
        "zen-ai-router-worker-0": { secrets: [...keyNames(8), "PASS"] },
        "zen-ai-router-worker-2": { secrets: [...keyNames(3), "PASS"] },
        "zen-ai-router-worker-5": { secrets: [...keyNames(3), "PASS"] },
        "old-router": {
          secrets: [],
          services: [{ binding: "BACKEND_SERVICE_5", service: "zen-ai-router-worker-5" }],
        },
      },
      real,
    );
    const result = await fake.deploy(
      ["production", "--placement-region", "gcp:us-central1", "--cpu-ms", "30000"],
      { ...makeKeys(9), PASS: "fake-pass-secret-value" },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "[1/5] zen-ai-router-worker-0: 5 keys, removed stale KEY6, KEY7, KEY8, deployed",
    );
    expect(result.stdout).toContain("[4/5] zen-ai-router-worker-2: no longer needed, deleted");
    expect(result.stderr).toContain(
      "zen-ai-router-worker-5 was not deleted: old-router (service binding)",
    );
    const workers = fake.workers();
    expect(Object.keys(workers).sort()).toEqual([
      "old-router",
      "router-orchestrator",
      "zen-ai-router-worker-0",
      "zen-ai-router-worker-1",
      "zen-ai-router-worker-5",
    ]);
    expect(workers["zen-ai-router-worker-0"]).toMatchObject({
      secrets: [...keyNames(5), "PASS"],
      workersDev: false,
      placement: { mode: "targeted", region: "gcp:us-central1" },
      limits: { cpu_ms: 30000 },
    });
    expect(workers["router-orchestrator"]).toMatchObject({
      secrets: ["PASS"],
      services: [
        { binding: "BACKEND_SERVICE_0", service: "zen-ai-router-worker-0" },
        { binding: "BACKEND_SERVICE_1", service: "zen-ai-router-worker-1" },
      ],
      vars: ["BACKEND_WEIGHTS", "BACKEND_KEYS"],
      workersDev: true,
      limits: { cpu_ms: 30000 },
    });
    // The new version of worker-0 went up before its stale keys were removed.
    const paths = fake.api.requests.map((request) => `${request.method} ${request.path}`);
    const uploaded = paths.findIndex((path) => path.endsWith("zen-ai-router-worker-0/versions"));
    const removed = paths.findIndex((path) => path.endsWith("zen-ai-router-worker-0/secrets/KEY6"));
    expect(uploaded).toBeGreaterThan(-1);
    expect(removed).toBeGreaterThan(uploaded);
    expect(
      fake.api.requests.find(
        (request) => request.method === "DELETE" && request.path.includes("/services/"),
      )?.query,
    ).toBe("?force=false");
    expect(fake.api.unknown).toEqual([]);
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  }, 240_000);
});

describe("cleanup with the real wrangler", () => {
  it("deletes the preview without force and confirms it is gone", async () => {
    const fake = await fakeCloudflare({ [preview]: backend }, real);
    const result = await fake.deploy(["cleanup", "--pr", "8"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${preview}: deleted.`);
    expect(fake.workers()).toEqual({});
    const deletion = fake.api.requests.find((request) => request.method === "DELETE");
    expect(deletion).toMatchObject({
      path: expect.stringContaining(preview),
      query: "?force=false",
    });
    expect(fake.api.unknown).toEqual([]);
  });

  it("says already gone only when Cloudflare says the worker does not exist (10007)", async () => {
    const fake = await fakeCloudflare({}, real);
    const result = await fake.deploy(["cleanup", "--pr", "8"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${preview}: already gone, nothing to do.`);
  });

  it.each([
    ["a refused token", FIXTURES.tokenRefused, /API token was refused/],
    ["a 500", FIXTURES.internalError, /HTTP 500/],
  ])("exits non-zero on %s, deleting nothing and claiming nothing", async (_, failure, message) => {
    const fake = await fakeCloudflare({ [preview]: backend }, real);
    fake.api.fail({ path: /./, ...failure });
    const result = await fake.deploy(["cleanup", "--pr", "8"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toContain("already gone");
    expect(fake.workers()).toHaveProperty(preview);
  });

  it("exits non-zero when wrangler's deletion fails", async () => {
    const fake = await fakeCloudflare({ [preview]: backend }, real);
    fake.api.fail({ method: "DELETE", path: /\/workers\/services\//, ...FIXTURES.internalError });
    const result = await fake.deploy(["cleanup", "--pr", "8"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /wrangler delete failed:[\s\S]*An unknown error has occurred \[code: 10013\]/,
    );
  });

  it("exits non-zero when Cloudflare still lists the preview after wrangler deleted it", async () => {
    const fake = await fakeCloudflare({ [preview]: backend }, real);
    fake.api.keepDeletedWorkers = true;
    const result = await fake.deploy(["cleanup", "--pr", "8"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/still lists the worker; it is not confirmed gone/);
  });

  it("refuses to delete a preview another worker binds, and never asks wrangler to", async () => {
    const fake = await fakeCloudflare(
      {
        [preview]: backend,
        "someone-elses-router": { secrets: [], services: [{ binding: "B", service: preview }] },
      },
      real,
    );
    const result = await fake.deploy(["cleanup", "--pr", "8"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${preview} was not deleted: someone-elses-router (service binding)`,
    );
    expect(fake.workers()).toHaveProperty(preview);
    expect(fake.api.requests.some((request) => request.method === "DELETE")).toBe(false);
  });
});
