import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ROOT } from "../../deploy/wrangler.ts";

const run = promisify(execFile);

it("bundles the real backend and orchestrator with the real wrangler, offline, uploading nothing", async () => {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^KEY\d+$/.test(name) && name !== "WRANGLER_BIN") env[name] = value;
  }
  const keys = Object.fromEntries(
    Array.from({ length: 9 }, (_, index) => [`KEY${index + 1}`, `dry-run-secret-${index}`]),
  );
  const { stdout, stderr } = await run(
    process.execPath,
    ["deploy/cli.ts", "production", "--dry-run"],
    {
      cwd: ROOT,
      env: {
        ...env,
        ...keys,
        PASS: "dry-run-pass",
        ZEN_DEPLOY_OUT_DIR: mkdtempSync(join(tmpdir(), "dry-run-")),
      },
    },
  );
  expect(stdout).toContain("[1/3] zen-ai-router-worker-0: 5 keys, bundled (dry run)");
  expect(stdout).toContain("[3/3] router-orchestrator: 2 bindings, bundled (dry run)");
  for (const secret of [...Object.values(keys), "dry-run-pass"]) {
    expect(stdout + stderr).not.toContain(secret);
  }
}, 120_000);
