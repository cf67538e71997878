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

/** One job's block of the workflow, from its key to the next job's. */
function job(name: string): string {
  const start = workflow.indexOf(`\n  ${name}:\n`);
  expect(start, `job ${name}`).toBeGreaterThan(-1);
  const next = workflow.slice(start + 1).search(/\n {2}[a-z_]+:\n/);
  return next === -1 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

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

  it("runs each job on its events, with least privilege and no overlapping production deploys", () => {
    expect(workflow).toMatch(/permissions:\n {2}contents: read\n/);
    expect(job("deploy")).toMatch(
      /concurrency:\n\s+group: cf-deploy-production\n\s+cancel-in-progress: false/,
    );
    expect(job("deploy")).toContain("run: npm run deploy -- production");
    expect(job("deploy_preview")).toContain('run: npm run deploy -- preview --pr "$PR_NUMBER"');
    expect(job("deploy_preview")).toContain("if: github.event_name == 'pull_request'\n");
    expect(workflow).toContain("pull_request:\n    types: [opened, synchronize, reopened]\n");
    expect(workflow).toContain("comes from a fork");
    expect(workflow).not.toMatch(/uses: [^\s]+@v\d/);
  });

  it("deploys production from a push or, by hand, only from the default branch, and says so otherwise", () => {
    const onDefault =
      "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
    expect(job("deploy")).toContain(
      `if: github.event_name == 'push' || (github.event_name == 'workflow_dispatch' && inputs.task == 'production' && ${onDefault})`,
    );
    expect(job("refuse_production_elsewhere")).toContain(`&& !(${onDefault})`);
    expect(job("refuse_production_elsewhere")).toMatch(/run: echo "::error::.*&& exit 1/);
    expect(workflow).toMatch(
      /workflow_dispatch:\n\s+inputs:\n\s+task:[\s\S]*?options: \[production, sweep-previews\]/,
    );
  });

  it("deletes a closed pull request's preview on pull_request_target, running only the default branch's code", () => {
    expect(workflow).toContain("pull_request_target:\n    types: [closed]\n");
    const cleanup = job("cleanup_preview");
    expect(cleanup).toContain("if: github.event_name == 'pull_request_target'\n");
    expect(cleanup).toContain(`ref: \${{ github.event.repository.default_branch }}`);
    expect(cleanup).toContain('run: npm run deploy -- cleanup --pr "$PR_NUMBER"');
    // Nothing of the pull request's is checked out or run, and it gets no keys.
    expect(cleanup).not.toMatch(/pull_request\.head|github\.head_ref|merge_commit_sha/);
    expect(cleanup).not.toMatch(/KEY\d+:|PASS:/);
    expect(cleanup.match(/uses: actions\/checkout@/g)).toHaveLength(1);
  });

  it("sweeps, daily and by hand, the previews of closed pull requests", () => {
    expect(workflow).toMatch(/schedule:\n\s+- cron: "[\d*]+ [\d*]+ \* \* \*"/);
    const sweep = job("sweep_previews");
    expect(sweep).toContain(
      "if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch' && inputs.task == 'sweep-previews'",
    );
    expect(sweep).toContain("run: npm run deploy -- sweep-previews");
    expect(sweep).toMatch(/permissions:\n\s+contents: read\n\s+pull-requests: read/);
    expect(sweep).toContain(`GITHUB_TOKEN: \${{ github.token }}`);
    expect(sweep).toContain(`ref: \${{ github.event.repository.default_branch }}`);
    expect(sweep).not.toMatch(/KEY\d+:|PASS:/);
  });

  it("reads the keys in the gemini-keys environment, which holds 100 secrets of its own", () => {
    expect(job("deploy")).toContain("environment: gemini-keys");
    expect(job("deploy_preview")).toContain("environment: gemini-keys");
    expect(job("cleanup_preview")).not.toContain("environment:");
    expect(job("deploy")).toContain(`PLACEMENT_REGION: \${{ vars.PLACEMENT_REGION }}`);
    expect(job("deploy_preview")).toContain(`PLACEMENT_REGION: \${{ vars.PLACEMENT_REGION }}`);
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
