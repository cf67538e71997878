import { enumValues, messageType } from "../definitions/load-definitions.ts";

/** The request messages of the v1beta generate, embed and count endpoints (Google's protos). */
export const GENERATE_CONTENT_REQUEST = messageType("GenerateContentRequest");
export const EMBED_CONTENT_REQUEST = messageType("EmbedContentRequest");
export const BATCH_EMBED_CONTENTS_REQUEST = messageType("BatchEmbedContentsRequest");
export const COUNT_TOKENS_REQUEST = messageType("CountTokensRequest");

/** Part's `data` oneof, in proto order (newer kinds included). */
export const PART_DATA_FIELDS: readonly string[] = Object.values(messageType("Part").fields)
  .filter((field) => field.oneof === "data")
  .map((field) => field.jsonName);

/**
 * HarmCategory values 1..6 are the old PaLM categories ("Derogatory" ... "Dangerous"): valid enum
 * values, refused by Gemini models.
 */
export const PALM_HARM_CATEGORIES: readonly string[] = enumValues("HarmCategory").slice(0, 7);
