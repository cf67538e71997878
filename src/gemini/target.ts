import { DEFAULT_GEMINI_BASE_URL, type Env } from "../env.ts";
import { type ApiKey, discoverKeys } from "../keys/discover-keys.ts";
import type { GeminiTarget } from "./client.ts";

/** This worker's keys and where to send them, read from its environment. */
export function geminiTargetFrom(env: Env): { keys: ApiKey[]; target: GeminiTarget } {
  const keys = discoverKeys(env);
  const baseUrl =
    typeof env.GEMINI_BASE_URL === "string" && env.GEMINI_BASE_URL !== ""
      ? env.GEMINI_BASE_URL
      : DEFAULT_GEMINI_BASE_URL;
  return { keys, target: { baseUrl, secrets: keys.map((key) => key.value) } };
}
