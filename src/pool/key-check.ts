import type { ApiKey } from "../gemini/api-key.ts";
import { callGeminiJson, type GeminiTarget } from "../gemini/client.ts";
import type { ModelId } from "../gemini/model-id.ts";
import { UpstreamError } from "../gemini/upstream-error.ts";

/** What a live check says of one key; `npm run keys -- check --json` prints these names. */
export type KeyStatus =
  | "ok"
  | "invalid"
  | "suspended"
  | "permission_denied"
  | "location_unsupported"
  | "rate_limited"
  | "no_quota";

export interface KeyCheck {
  status: KeyStatus;
  /** Gemini's own words (redacted of every key), or what was checked when the key is fine. */
  message: string;
  /** The UpstreamError behind a failed check, for the pool's memory. */
  error?: UpstreamError;
}

/**
 * Checks one key with calls that spend no generation quota: `models.get` of the model (which
 * tells invalid, suspended, no-permission and location apart), then, when a model is named,
 * one `countTokens` on it (which tells a rate-limited key and a project with no quota for the
 * model — `limit: 0` — apart). Connection failures and 5xx are thrown: they say nothing of the key.
 */
export async function checkKey(
  target: GeminiTarget,
  key: ApiKey,
  options: { model: ModelId; countTokens: boolean; signal?: AbortSignal },
): Promise<KeyCheck> {
  const signal = options.signal;
  try {
    await callGeminiJson(target, key, { kind: "get-model", model: options.model, signal });
    if (options.countTokens) {
      await callGeminiJson(target, key, {
        kind: "model-method",
        model: options.model,
        method: "countTokens",
        body: { contents: [{ role: "user", parts: [{ text: "ping" }] }] },
        signal,
      });
    }
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const status = toKeyStatus(error);
    if (status === null) throw error;
    return { status, message: error.message, error };
  }
  return {
    status: "ok",
    message: options.countTokens
      ? `models.get and countTokens on ${options.model} answered`
      : `models.get ${options.model} answered`,
  };
}

/** The key status an upstream failure means, or null when it says nothing about the key. */
export function toKeyStatus(error: UpstreamError): KeyStatus | null {
  switch (error.fault) {
    case "key-rejected":
      return error.keyProblem ?? "permission_denied";
    case "location":
      return "location_unsupported";
    case "no-quota":
      return "no_quota";
    case "rate-limited":
    case "daily-quota":
    case "quota-unspecified":
      return "rate_limited";
    default:
      return null;
  }
}
