import { isAnthropicPath } from "./anthropic-error.ts";
import { hasGoogleCredential } from "./client-credential.ts";

/**
 * Whether a request is for the Anthropic surface — the one rule both workers apply. The Messages
 * paths are Anthropic's whatever the headers; `/v1/models` is shared with the OpenAI and Gemini
 * surfaces, so a model listing or lookup is Anthropic's when it carries the `anthropic-version`
 * header (every Anthropic SDK sends it, with `x-api-key` or a bearer) and no Google credential.
 */
export function isAnthropicRequest(method: string, url: URL, headers: Headers): boolean {
  if (isAnthropicPath(url.pathname)) return true;
  return (
    (method === "GET" || method === "HEAD") &&
    ANTHROPIC_MODELS_PATH.test(url.pathname) &&
    headers.has("anthropic-version") &&
    !hasGoogleCredential(headers, url)
  );
}

const ANTHROPIC_MODELS_PATH = /^\/v1\/models(\/[^/]+)?\/?$/;
