/** Before measuring: every path answers every workload correctly, or the run stops and says why. */
import type { RoundTarget } from "./load.ts";
import type { BenchPath } from "./paths.ts";
import { specFor, type Workload } from "./workloads.ts";

/** A stream is complete when it ended with OpenAI's [DONE] or, from Gemini, a whole last event. */
function completeCheck(path: BenchPath, workload: Workload) {
  if (!workload.streaming) return () => true;
  if (path.speaks === "openai") return (tail: string) => tail.includes("data: [DONE]");
  return (tail: string) => /\r?\n\r?\n$/.test(tail);
}

export function roundTargets(paths: readonly BenchPath[], workload: Workload): RoundTarget[] {
  return paths.map((path) => {
    const complete = completeCheck(path, workload);
    return {
      name: path.name,
      url: path.url,
      spec: specFor(path, workload),
      isComplete: (timing) => complete(timing.tail),
    };
  });
}

/** What a correct answer contains, per API and workload. */
function expectedMarker(path: BenchPath, workload: Workload): string {
  const embeds = workload.name.startsWith("embed");
  if (path.speaks !== "openai") return embeds ? '"embeddings"' : '"candidates"';
  if (embeds) return '"embedding"';
  return workload.streaming ? "chat.completion.chunk" : '"chat.completion"';
}

export async function probePaths(paths: readonly BenchPath[], workloads: readonly Workload[]) {
  for (const workload of workloads) {
    for (const path of paths) {
      const spec = specFor(path, workload);
      const response = await fetch(new URL(spec.path, path.url), {
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
      });
      const text = await response.text();
      const marker = expectedMarker(path, workload);
      const complete = completeCheck(path, workload)(text.slice(-64));
      if (response.status !== 200 || !text.includes(marker) || !complete) {
        throw new Error(
          `${path.name} answered ${workload.label} with ${response.status}: ${text.slice(0, 300)}`,
        );
      }
    }
  }
}
