import type { ResolvedOptions } from "../options.ts";
import type { QuotaOptions } from "../quota/options.ts";

/**
 * The Google Cloud project a key belongs to: resources live in projects, so keys of one project
 * see the same files and caches and keys of another see none of them. From the `projects`
 * option, else the quota mode's projects, else every key is a project of its own.
 */
export function projectOf(
  options: Pick<ResolvedOptions, "projects">,
  quota: QuotaOptions | undefined,
  key: string,
): string {
  for (const project of options.projects ?? []) {
    if (project.keys.includes(key)) return project.id;
  }
  for (const project of quota?.projects ?? []) {
    if (project.keys.includes(key)) return project.number;
  }
  return `key:${key}`;
}
