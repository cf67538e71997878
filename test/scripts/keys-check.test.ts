import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { ROOT } from "../support/workerd.ts";

/** One key per class the command knows; the emulator answers each as Google does. */
const KEYS = [
  ["keycheck-ok", "ok"],
  ["keycheck-invalid", "invalid"],
  ["keycheck-suspended", "suspended"],
  ["keycheck-disabled", "permission_denied"],
  ["keycheck-location", "location_unsupported"],
  ["keycheck-limited", "rate_limited"],
  ["keycheck-noquota", "no_quota"],
] as const;

let emulator: Emulator;
let directory: string;
beforeAll(async () => {
  emulator = await startEmulator({
    quota: {
      projects: [
        {
          number: "11",
          keys: [
            "keycheck-ok",
            "keycheck-limited",
            "keycheck-suspended",
            "keycheck-disabled",
            "keycheck-location",
          ],
        },
        {
          number: "22",
          keys: ["keycheck-noquota"],
          limits: { "gemini-2.5-pro": { rpm: 0, rpd: 0 } },
        },
      ],
      refusals: {
        "keycheck-invalid": "invalid",
        "keycheck-suspended": "suspended",
        "keycheck-disabled": "service-disabled",
        "keycheck-location": "location",
      },
    },
  });
  emulator.setKeyBehavior("keycheck-limited", { kind: "rate-limit", retryDelaySeconds: 20 });
  directory = await mkdtemp(join(tmpdir(), "keys-check-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(directory, { recursive: true, force: true });
});

function runKeys(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // As `npm run keys -- …` runs it (see package.json: the `--` keeps Node off `--env-file`).
    const child = spawn(process.execPath, ["scripts/keys.ts", "--", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => (stdout += data));
    child.stderr.on("data", (data) => (stderr += data));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run keys -- check", () => {
  it("classifies every key against the emulator as JSON, never printing a key, and exits 1", async () => {
    const envFile = join(directory, "keys.env");
    await writeFile(envFile, KEYS.map(([key], index) => `KEY${index + 1}=${key}`).join("\n"));
    const result = await runKeys(
      ["check", "--json", "--model", "gemini-2.5-pro", "--env-file", envFile],
      {
        GEMINI_BASE_URL: emulator.url,
      },
    );
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout) as {
      index: number;
      fingerprint: string;
      status: string;
      message: string;
    }[];
    expect(reports.map((report) => [report.index, report.status])).toEqual(
      KEYS.map(([, status], index) => [index + 1, status]),
    );
    for (const report of reports) expect(report.fingerprint).toMatch(/^[0-9a-f]{6}$/);
    for (const [key] of KEYS) {
      expect(result.stdout).not.toContain(key);
      expect(result.stderr).not.toContain(key);
    }
    // models.get and countTokens spend no generation quota: no generate call was made.
    expect(emulator.requests().every((request) => !request.path.includes("generateContent"))).toBe(
      true,
    );
  });

  it("prints a Markdown table and exits 0 when every key is usable (rate-limited counts as usable)", async () => {
    const result = await runKeys(["check"], {
      GEMINI_BASE_URL: emulator.url,
      KEY1: "keycheck-ok",
      KEY3: "keycheck-limited",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| key | fingerprint | status (gemini-3.8-flash) | message |");
    expect(result.stdout).toMatch(/\| KEY1 \| [0-9a-f]{6} \| ok \|/);
    expect(result.stdout).toMatch(/\| KEY3 \| [0-9a-f]{6} \| rate_limited \|/);
    expect(result.stdout).toContain("2 key(s): 1 ok, 1 rate_limited");
  });

  it("says what to do when there are no keys, and exits 2", async () => {
    const result = await runKeys(["check", "--env-file", join(directory, "missing.env")], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does not exist");
  });
});
