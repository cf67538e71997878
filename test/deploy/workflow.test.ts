import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { renderWorkflow, WORKFLOW_PATH } from "../../deploy/workflow.ts";
import { ROOT } from "../../deploy/wrangler.ts";

const run = promisify(execFile);
const workflow = readFileSync(WORKFLOW_PATH, "utf8");
const validator = join(ROOT, "node_modules/.bin/action-validator");

const hasShellcheck = (() => {
  try {
    execFileSync("shellcheck", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe(".github/workflows/cf-deploy.yml", () => {
  it("is what deploy/workflow.ts generates", () => {
    expect(workflow).toBe(renderWorkflow());
  });

  it("passes the GitHub Actions validator, which does reject a broken workflow", async () => {
    await expect(run(validator, [WORKFLOW_PATH])).resolves.toBeDefined();
    const broken = join(mkdtempSync(join(tmpdir(), "workflow-")), "broken.yml");
    writeFileSync(
      broken,
      workflow.replace("runs-on: ubuntu-latest", "runs-on: 42\n    bogus-key: true"),
    );
    await expect(run(validator, [broken])).rejects.toThrow();
  });

  it("hands every secret to the deploy command through env:, never through script text", () => {
    const runLines = workflow.split("\n").filter((line) => /^\s+run: /.test(line));
    for (const line of runLines) expect(line).not.toContain(`\${{`);
    for (let index = 1; index <= 100; index++) {
      expect(workflow).toContain(`KEY${index}: \${{ secrets.KEY${index} }}`);
    }
    expect(workflow).toContain(`CLOUDFLARE_API_TOKEN: \${{ secrets.CF_API_TOKEN }}`);
    expect(workflow).toContain(`CLOUDFLARE_ACCOUNT_ID: \${{ secrets.CF_ACCOUNT_ID }}`);
  });

  it("runs the three jobs on the right events, with least privilege and no overlapping production deploys", () => {
    expect(workflow).toMatch(/permissions:\n {2}contents: read\n/);
    expect(workflow).toMatch(
      /deploy:\n[\s\S]*?concurrency:\n\s+group: cf-deploy-production\n\s+cancel-in-progress: false/,
    );
    expect(workflow).toContain("run: npm run deploy -- production");
    expect(workflow).toContain('run: npm run deploy -- preview --pr "$PR_NUMBER"');
    expect(workflow).toContain('run: npm run deploy -- cleanup --pr "$PR_NUMBER"');
    expect(workflow).toContain("types: [opened, synchronize, reopened, closed]");
    expect(workflow).toContain("workflow_dispatch:");
    expect(workflow).toContain("comes from a fork");
    expect(workflow).not.toMatch(/uses: [^\s]+@v\d/);
  });

  it(`has shell steps that pass ${hasShellcheck ? "shellcheck" : "bash -n (install shellcheck for the full check)"}`, async () => {
    expect(workflow).not.toMatch(/run: [|>]/);
    const scripts = workflow
      .split("\n")
      .map((line) => /^\s+run: (.*)$/.exec(line)?.[1])
      .filter((script): script is string => script !== undefined);
    expect(scripts.length).toBeGreaterThan(5);
    const directory = mkdtempSync(join(tmpdir(), "workflow-scripts-"));
    for (const [index, script] of scripts.entries()) {
      const file = join(directory, `step-${index}.sh`);
      writeFileSync(file, `#!/usr/bin/env bash\n${script}\n`);
      if (hasShellcheck) await run("shellcheck", ["--shell=bash", file]);
      else await run("bash", ["-n", file]);
    }
  });
});
