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
  "REVOKED_TOKENS",
] as const;

export const ORCHESTRATOR_VAR_NAMES = [
  "CORS_ORIGINS",
  "BACKEND_TIMEOUT_S",
  "REVOKED_TOKENS",
  "RATE_LIMITS",
] as const;

/**
 * The entry worker (the orchestrator, or a preview's lone backend) enforces per-token rate
 * limits: it alone gets RATE_LIMITS and their bindings, so each request is counted once.
 */
export const ENTRY_VAR_NAMES = ["RATE_LIMITS"] as const;

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
