import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { expectNoSecretLeaked, fakeCloudflare } from "./deploy-harness.ts";

/** GitHub's `GET /repos/{owner}/{repo}/pulls/{n}` for `owner/repo`: `{ state }`, or a status. */
async function fakeGitHub(pulls: Record<number, "open" | "closed" | number>) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.url} ${request.headers.authorization ?? ""}`);
    const number = Number(/^\/repos\/owner\/repo\/pulls\/(\d+)$/.exec(request.url ?? "")?.[1]);
    const pull = pulls[number];
    const status = typeof pull === "number" ? pull : pull ? 200 : 404;
    response.writeHead(status, { "content-type": "application/json" });
    response.end(
      JSON.stringify(
        status === 200
          ? { number, state: pull }
          : { message: status === 404 ? "Not Found" : "Server Error", status: String(status) },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const env = {
    GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    GITHUB_REPOSITORY: "owner/repo",
    GITHUB_TOKEN: "fake-github-token",
  };
  return { env, seen };
}

const previewOf = (number: number) => `zen-ai-router-worker-preview-${number}`;
const workersFor = (...numbers: number[]) =>
  Object.fromEntries([
    ...numbers.map((number) => [previewOf(number), { secrets: ["KEY1", "PASS"] }]),
    ["zen-ai-router-worker-0", { secrets: ["KEY1", "PASS"] }],
  ]);

describe("deploy sweep-previews", () => {
  it("deletes the previews of closed pull requests and keeps the open ones and everything else", async () => {
    const fake = await fakeCloudflare(workersFor(3, 4, 12));
    const github = await fakeGitHub({ 3: "closed", 4: "open", 12: "closed" });
    const result = await fake.deploy(["sweep-previews"], github.env);
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(fake.workers()).sort()).toEqual(["zen-ai-router-worker-0", previewOf(4)]);
    expect(result.stdout).toContain(`${previewOf(3)}: pull request #3 is closed, deleted.`);
    expect(result.stdout).toContain(`${previewOf(4)}: pull request #4 is open, kept.`);
    expect(github.seen).toContain("/repos/owner/repo/pulls/12 Bearer fake-github-token");
    expectNoSecretLeaked(fake, result.stdout, result.stderr);
  });

  it("keeps a preview whose pull request state GitHub does not give, sweeps the rest, and exits non-zero", async () => {
    const fake = await fakeCloudflare(workersFor(5, 6, 7));
    const github = await fakeGitHub({ 5: 502, 7: "closed" });
    const result = await fake.deploy(["sweep-previews"], github.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("pull request #5: GitHub answered HTTP 502 without its state");
    expect(result.stderr).toContain("pull request #6: GitHub answered HTTP 404");
    expect(result.stderr).toContain(`could not be swept: ${previewOf(5)}, ${previewOf(6)}`);
    expect(Object.keys(fake.workers()).sort()).toEqual([
      "zen-ai-router-worker-0",
      previewOf(5),
      previewOf(6),
    ]);
  });

  it("exits non-zero without deleting anything when Cloudflare cannot list the workers", async () => {
    const fake = await fakeCloudflare(workersFor(3));
    const github = await fakeGitHub({ 3: "closed" });
    const result = await fake.deploy(["sweep-previews"], {
      ...github.env,
      CLOUDFLARE_API_TOKEN: "revoked",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/API token was refused/);
    expect(fake.workers()).toHaveProperty(previewOf(3));
    expect(github.seen).toEqual([]);
  });
});
