import { ApiError, notFound } from "../../../common/api-error.ts";

/**
 * What belongs to the project of one API key and is not served yet: a batch or a store made with
 * one key is unknown to the others, and the gateway picks a key per request (files and cached
 * contents, batches and File Search stores are served, pinned by the tags in their names:
 * src/affinity/). Collections, each with the words that name it to the client.
 */
export const PROJECT_BOUND_COLLECTIONS: Readonly<Record<string, string>> = {
  tunedModels: "tuned models",
  corpora: "corpora",
  operations: "long-running operations",
  generatedFiles: "generated files",
};

/** A 501 naming what is not served and why. */
export function notPoolable(what: string): ApiError {
  return new ApiError(
    501,
    `The gateway does not serve ${what}: they belong to the Google Cloud project of one API key, and the gateway spreads requests over many keys. Call Gemini directly with your own key for ${what}.`,
    { code: "unimplemented" },
  );
}

export const unknownRoute = (method: string, path: string) =>
  notFound(`Unknown route of the Gemini API: ${method} ${path}.`);
