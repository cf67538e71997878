/**
 * Plain (non-secret) settings a deploy forwards from its own environment — in CI, the GitHub
 * repository variables — when they are set. Every deploy replaces a worker's vars with the
 * config's, so this is where they must come from; an unset or empty one is left out.
 */
export const BACKEND_VAR_NAMES = [
  "GEMINI_BASE_URL",
  "DEFAULT_MODEL",
  "DEFAULT_EMBEDDING_MODEL",
  "UPSTREAM_TIMEOUT_S",
  "CORS_ORIGINS",
] as const;

export const ORCHESTRATOR_VAR_NAMES = ["CORS_ORIGINS", "BACKEND_TIMEOUT_S"] as const;

export function pickVars(
  env: Record<string, string | undefined>,
  names: readonly string[],
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) vars[name] = value;
  }
  return vars;
}
