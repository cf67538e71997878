import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, onTestFinished } from "vitest";
import { ROOT } from "../../deploy/wrangler.ts";
import { type FakeCloudflareApi, startFakeCloudflareApi } from "./fake-cloudflare-api.ts";

const run = promisify(execFile);

export interface RecordedCall {
  argv: string[];
  envNames: string[];
  envValues: Record<string, string | undefined>;
  files: Record<string, unknown>;
}

export interface WorkerState {
  secrets: string[];
  services?: Array<{ binding: string; service: string }>;
}

export interface FakeCloudflare {
  dir: string;
  api: FakeCloudflareApi;
  secrets: string[];
  workers(): Record<string, WorkerState>;
  calls(): RecordedCall[];
  /** The environment `npm run deploy` gets: the fake API's credentials, the fake wrangler, `env`. */
  env(env?: Record<string, string>): Record<string, string>;
  deploy(
    command: string[],
    env?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Keys that look nothing like real ones, unique per test so leaks are easy to spot. */
export function makeKeys(count: number, tag = "k"): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `KEY${index + 1}`,
      `fake-${tag}-secret-${index + 1}-value`,
    ]),
  );
}

/** This process's environment without any key, PASS or Cloudflare credential of the machine. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^KEY\d+$|^PASS$|^CLOUDFLARE_|^WRANGLER_|^GITHUB_/.test(name)) {
      env[name] = value;
    }
  }
  return env;
}

/**
 * An account on a fake Cloudflare API (closed when the test ends) and a deploy command that runs
 * against it. By default wrangler is the recording fake; `{ realWrangler: true }` runs the
 * project's pinned wrangler against the fake API instead.
 */
export async function fakeCloudflare(
  workers: Record<string, WorkerState> = {},
  { realWrangler = false } = {},
): Promise<FakeCloudflare> {
  const dir = mkdtempSync(join(tmpdir(), "fake-cloudflare-"));
  writeFileSync(join(dir, "state.json"), JSON.stringify({ workers }));
  writeFileSync(join(dir, "calls.jsonl"), "");
  const api = await startFakeCloudflareApi(dir);
  onTestFinished(() => api.close());
  const fake: FakeCloudflare = {
    dir,
    api,
    secrets: [],
    workers: () => JSON.parse(readFileSync(join(dir, "state.json"), "utf8")).workers,
    calls: () =>
      readFileSync(join(dir, "calls.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedCall),
    env(env = {}) {
      fake.secrets.push(
        ...Object.entries(env)
          .filter(([name]) => /^KEY\d+$|^PASS$|^TOKEN_SECRET$|^ANALYTICS_API_TOKEN$/.test(name))
          .map(([, value]) => value),
      );
      return {
        ...baseEnv(),
        CLOUDFLARE_API_BASE_URL: api.baseUrl,
        CLOUDFLARE_API_TOKEN: api.token,
        CLOUDFLARE_ACCOUNT_ID: api.accountId,
        ...(realWrangler
          ? {
              WRANGLER_LOG_PATH: join(dir, "wrangler-logs"),
              XDG_CONFIG_HOME: join(dir, "config"),
              // No banner, so no update check against the npm registry.
              WRANGLER_HIDE_BANNER: "true",
            }
          : { WRANGLER_BIN: join(ROOT, "test/deploy/fake-wrangler.mjs"), FAKE_WRANGLER_DIR: dir }),
        ZEN_DEPLOY_OUT_DIR: dir,
        ...env,
      };
    },
    async deploy(command, env = {}) {
      try {
        const { stdout, stderr } = await run(process.execPath, ["deploy/cli.ts", ...command], {
          cwd: ROOT,
          env: fake.env(env),
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
      }
    },
  };
  return fake;
}

/**
 * No secret value may appear in any argv, any file wrangler was given other than a secrets file,
 * wrangler's environment, or anything printed. Every deploy test calls this.
 */
export function expectNoSecretLeaked(fake: FakeCloudflare, ...printed: string[]) {
  for (const call of fake.calls()) {
    const argv = call.argv.join(" ");
    const configs = Object.entries(call.files)
      .filter(([, content]) => typeof content === "string")
      .map(([, content]) => content as string)
      .join("\n");
    for (const secret of fake.secrets) {
      expect(argv).not.toContain(secret);
      expect(configs).not.toContain(secret);
    }
    expect(call.envNames.filter((name) => /^KEY|^PASS$/i.test(name))).toEqual([]);
    expect(call.envValues.WRANGLER_LOG_SANITIZE).toBe("true");
  }
  for (const text of printed) for (const secret of fake.secrets) expect(text).not.toContain(secret);
}
