import { type GeminiError, internalError, rateLimited, suspended, unavailable } from "./errors.ts";
import type { KeyBehavior } from "./options.ts";

/** The error a key's behaviour answers with before any routing, or undefined to go on. */
export function faultFor(
  behavior: KeyBehavior | undefined,
  key: string,
  path: string,
): GeminiError | undefined {
  switch (behavior?.kind) {
    case "rate-limit":
      return rateLimited(modelOf(path), behavior.retryDelaySeconds ?? 30);
    case "unavailable":
      return unavailable();
    case "internal":
      return internalError();
    case "suspended":
      return suspended(key);
    default:
      return undefined;
  }
}

const modelOf = (path: string) => /\/models\/([^:/?]+)/.exec(path)?.[1] ?? "gemini-2.5-flash";
