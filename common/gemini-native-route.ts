import { hasGoogleCredential } from "./client-credential.ts";

/**
 * Whether a request is for the native Gemini API surface rather than the OpenAI one — the one rule
 * both workers apply. Everything under `/v1beta/` and `/upload/` is Gemini's. Under `/v1/`, which
 * both APIs use, a request is Gemini's when it authenticates as Google's clients do
 * (`x-goog-api-key` or `?key=`), or when it posts to a path only Gemini has (`models/{model}:{method}`,
 * cached contents, tuned models…; `files` and `batches` exist in both APIs, so auth decides).
 * A bearer-authenticated GET — `/v1/models`, `/v1/models/{id}` — stays OpenAI's.
 */
export function isGeminiNativeRequest(method: string, url: URL, headers: Headers): boolean {
  const path = url.pathname;
  if (path.startsWith("/v1beta/") || path === "/v1beta" || path.startsWith("/upload/")) return true;
  if (!path.startsWith("/v1/")) return false;
  if (hasGoogleCredential(headers, url)) return true;
  return method !== "GET" && method !== "HEAD" && GEMINI_ONLY_V1_PATH.test(path);
}

const GEMINI_ONLY_V1_PATH =
  /^\/v1\/(models\/[^/]*:|(cachedContents|tunedModels|corpora|fileSearchStores|generatedFiles)(\/|$))/;
