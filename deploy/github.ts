import { UserError } from "./user-error.ts";

/**
 * A pull request's state from GitHub's REST API (`GITHUB_API_URL`, `GITHUB_REPOSITORY` and
 * `GITHUB_TOKEN`, as a workflow provides them). Anything but a clear answer is an error, so no
 * preview is deleted on a guess.
 */
export async function pullRequestState(
  env: Record<string, string | undefined>,
  number: number,
): Promise<"open" | "closed"> {
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (!repository) {
    throw new UserError(
      "GITHUB_REPOSITORY (owner/name) is not set: it says whose pull requests to ask about.",
    );
  }
  const base = (env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
  const headers: Record<string, string> = {
    Accept: "application/vnd.github+json",
    "X-GitHub-Api-Version": "2022-11-28",
  };
  if (env.GITHUB_TOKEN) headers.Authorization = `Bearer ${env.GITHUB_TOKEN}`;
  const url = `${base}/repos/${repository}/pulls/${number}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new UserError(`pull request #${number}: could not reach ${base} (${String(error)}).`);
  }
  const body = (await response.json().catch(() => null)) as { state?: unknown } | null;
  if (!response.ok || (body?.state !== "open" && body?.state !== "closed")) {
    throw new UserError(
      `pull request #${number}: GitHub answered HTTP ${response.status} without its state; its preview is kept.`,
    );
  }
  return body.state;
}
