import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { ROOT } from "../../deploy/wrangler.ts";

const run = promisify(execFile);

export interface RecordedCall {
  argv: string[];
  envNames: string[];
  files: Record<string, unknown>;
}

export interface FakeCloudflare {
  dir: string;
  secrets: string[];
  workers(): Record<string, { secrets: string[] }>;
  calls(): RecordedCall[];
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

export function fakeCloudflare(
  workers: Record<string, { secrets: string[] }> = {},
): FakeCloudflare {
  const dir = mkdtempSync(join(tmpdir(), "fake-cloudflare-"));
  writeFileSync(join(dir, "state.json"), JSON.stringify({ workers }));
  writeFileSync(join(dir, "calls.jsonl"), "");
  const fake: FakeCloudflare = {
    dir,
    secrets: [],
    workers: () => JSON.parse(readFileSync(join(dir, "state.json"), "utf8")).workers,
    calls: () =>
      readFileSync(join(dir, "calls.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedCall),
    async deploy(command, env = {}) {
      fake.secrets.push(
        ...Object.entries(env)
          .filter(([name]) => /^KEY\d+$|^PASS$/.test(name))
          .map(([, value]) => value),
      );
      const childEnv: Record<string, string> = {};
      for (const [name, value] of Object.entries(process.env)) {
        if (value !== undefined && !/^KEY\d+$/.test(name) && name !== "PASS")
          childEnv[name] = value;
      }
      try {
        const { stdout, stderr } = await run(process.execPath, ["deploy/cli.ts", ...command], {
          cwd: ROOT,
          env: {
            ...childEnv,
            ...env,
            WRANGLER_BIN: join(ROOT, "test/deploy/fake-wrangler.mjs"),
            FAKE_WRANGLER_DIR: dir,
            ZEN_DEPLOY_OUT_DIR: dir,
          },
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
 * or anything printed. Every deploy test calls this.
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
  }
  for (const text of printed) for (const secret of fake.secrets) expect(text).not.toContain(secret);
}
