import { cloudflareAccount } from "../cloudflare/api.ts";
import { listWorkers } from "../cloudflare/workers.ts";
import { deleteWorker } from "../delete-worker.ts";
import { pullRequestState } from "../github.ts";
import { UserError } from "../user-error.ts";
import { PREVIEW_PREFIX } from "./preview.ts";

/**
 * Deletes every `zen-ai-router-worker-preview-<N>` whose pull request is closed — the clean-up a
 * closed pull request's own run may have missed. Open ones are kept; one whose state or deletion
 * is unclear is kept, reported, and makes the run exit non-zero.
 */
export async function sweepPreviews() {
  const account = cloudflareAccount(process.env);
  const pattern = new RegExp(`^${PREVIEW_PREFIX}(\\d+)$`);
  const previews = (await listWorkers(account))
    .map((name) => ({ name, number: Number(pattern.exec(name)?.[1]) }))
    .filter((preview) => Number.isInteger(preview.number) && preview.number > 0)
    .sort((a, b) => a.number - b.number);
  console.log(
    `Found ${previews.length} preview worker(s)${previews.length > 0 ? `: ${previews.map((preview) => preview.name).join(", ")}` : ""}.`,
  );
  const failures: string[] = [];
  for (const { name, number } of previews) {
    try {
      const state = await pullRequestState(process.env, number);
      if (state === "open") {
        console.log(`${name}: pull request #${number} is open, kept.`);
        continue;
      }
      const outcome = await deleteWorker(name, { account, allSecrets: [] });
      console.log(
        `${name}: pull request #${number} is closed, ${outcome === "deleted" ? "deleted" : "already gone"}.`,
      );
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      console.error(`error: ${error.message}`);
      failures.push(name);
    }
  }
  if (failures.length > 0) {
    throw new UserError(
      `${failures.length} preview(s) could not be swept: ${failures.join(", ")} (see above).`,
    );
  }
}
