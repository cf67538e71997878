import { hasGoogleCredential } from "./client-credential.ts";

/**
 * Whether a request is for the native Gemini API surface rather than another one — the one rule
 * both workers apply. Everything under `/v1beta/`, `/upload/` and `/download/` is Gemini's. Under `/v1/`, which
 * the OpenAI and Anthropic surfaces use too, a request is Gemini's when it is for a path Gemini
 * has and authenticates as Google's clients do (`x-goog-api-key` or `?key=`), or when it posts to
 * a path only Gemini has (`models/{model}:{method}`, cached contents, tuned models…; `files` and
 * `batches` exist in both APIs, so there auth decides). A bearer-authenticated GET — `/v1/models`,
 * `/v1/models/{id}` — stays OpenAI's. `/v1beta/openai/…` is Google's own OpenAI-compatible base
 * URL: OpenAI's surface, not Gemini's.
 */
export function isGeminiNativeRequest(method: string, url: URL, headers: Headers): boolean {
  const path = url.pathname;
  if (isOpenAICompatiblePath(path)) return false;
  if (path.startsWith("/v1beta/") || path === "/v1beta") return true;
  if (path.startsWith("/upload/") || path.startsWith("/download/")) return true;
  if (!path.startsWith("/v1/")) return false;
  // The Interactions API (`/v1/interactions…`, @google/genai 3.x's default version) is Gemini's alone.
  if (path === "/v1/interactions" || path.startsWith("/v1/interactions/")) return true;
  if (GEMINI_V1_PATH.test(path) && hasGoogleCredential(headers, url)) return true;
  return method !== "GET" && method !== "HEAD" && GEMINI_ONLY_V1_PATH.test(path);
}

const COLLECTIONS = "cachedContents|tunedModels|corpora|fileSearchStores|generatedFiles";

/** Paths of Gemini's API under `/v1/`, some of which other APIs have too. */
const GEMINI_V1_PATH = new RegExp(`^/v1/(models|files|batches|operations|${COLLECTIONS})(/|$)`);

/** Paths under `/v1/` that only Gemini's API has. */
const GEMINI_ONLY_V1_PATH = new RegExp(`^/v1/(models/[^/]*:|(${COLLECTIONS})(/|$))`);

/**
 * `/v1beta/openai/…`: where Google serves its OpenAI-compatible API
 * (https://ai.google.dev/gemini-api/docs/openai), so a client that swaps only the host works.
 */
export const isOpenAICompatiblePath = (path: string) =>
  path === "/v1beta/openai" || path.startsWith("/v1beta/openai/");
