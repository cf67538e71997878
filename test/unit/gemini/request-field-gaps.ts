/**
 * The drift alarm's allowlist for request fields (sdk-request-fields.test.ts): each field that
 * Google's SDK sends to the Gemini API, or that the protos define, and that the emulator's
 * definitions or the gateway's request types (src/gemini/types.ts) do not know — with why that is
 * acceptable. A field Google adds fails the test until it is handled or named here; an entry
 * that is no longer a gap fails it too, so the list only shrinks when the work is done.
 */
export interface FieldGap {
  /** Not in emulator/definitions/v1beta.json (the emulator answers "Unknown name"). */
  emulator?: true;
  /** Not in the gateway's GeminiGenerateContentRequest / GeminiGenerationConfig / GeminiThinkingConfig. */
  gateway?: true;
  why: string;
}

export const REQUEST_FIELD_GAPS: Readonly<Record<string, FieldGap>> = {
  "GenerateContentRequest.model": {
    gateway: true,
    why: "the model is named by the URL (models/{model}:generateContent); the body's copy is optional and never needed",
  },
  "GenerateContentRequest.store": {
    gateway: true,
    why: "Gemini's own opt-in to keep the request (GenerateContentConfig.store): no client API asks for it in Gemini's sense (OpenAI's store means the answer is kept, which the router refuses, keeping no state); native clients' bodies pass it through as sent, chat clients' extra_body.google puts it on the request",
  },
  "GenerateContentRequest.labels": {
    emulator: true,
    gateway: true,
    why: "billing labels, sent to the parent by the SDK's Developer-API converter but absent from the v1beta protos (@google-ai/generativelanguage 4.1): whether the Gemini API takes them is unconfirmed, so the emulator refuses them as the front end refuses any unknown name; no client API has them",
  },
  "GenerationConfig.enableEnhancedCivicAnswers": {
    gateway: true,
    why: "no client API asks for it; chat and Responses clients may send it in extra_body.google (every generationConfig key passes), native clients in their body",
  },
  "GenerationConfig._responseJsonSchema": {
    gateway: true,
    why: "the protos' second JSON name of field 24 (response_json_schema); the gateway sends the same schema as responseJsonSchema",
  },
};
