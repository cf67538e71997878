import * as v from "valibot";
import { ApiError, badRequest } from "../../../../common/api-error.ts";
import type { GeminiBlob, GeminiPart } from "../../../gemini/types.ts";
import { checkBase64 } from "../../../media/data-url.ts";
import { toRequestError } from "../validate/issue-to-error.ts";

/** Downloads an image URL (SSRF-checked by the caller's implementation). */
export type ResolveImage = (url: string) => Promise<GeminiBlob>;

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;

const text = v.looseObject({ type: v.literal("text"), text: v.string() });
const imageSource = v.variant("type", [
  v.looseObject({
    type: v.literal("base64"),
    media_type: v.picklist(IMAGE_TYPES),
    data: v.string(),
  }),
  v.looseObject({ type: v.literal("url"), url: v.string() }),
  v.looseObject({ type: v.literal("file"), file_id: v.string() }),
]);
const image = v.looseObject({ type: v.literal("image"), source: imageSource });
const documentSource = v.variant("type", [
  v.looseObject({
    type: v.literal("base64"),
    media_type: v.literal("application/pdf"),
    data: v.string(),
  }),
  v.looseObject({ type: v.literal("text"), media_type: v.optional(v.string()), data: v.string() }),
  v.looseObject({
    type: v.literal("content"),
    content: v.union([v.string(), v.array(v.looseObject({ type: v.string() }))]),
  }),
  v.looseObject({ type: v.literal("url"), url: v.string() }),
  v.looseObject({ type: v.literal("file"), file_id: v.string() }),
]);
const document = v.looseObject({
  type: v.literal("document"),
  source: documentSource,
  title: v.nullish(v.string()),
  context: v.nullish(v.string()),
});
const searchResult = v.looseObject({
  type: v.literal("search_result"),
  source: v.string(),
  title: v.string(),
  content: v.array(text),
});

/** What a block's schema guarantees, by type. */
export type TextBlock = v.InferOutput<typeof text>;
type ImageBlock = v.InferOutput<typeof image>;
type DocumentBlock = v.InferOutput<typeof document>;
type SearchResultBlock = v.InferOutput<typeof searchResult>;

export function check<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  path: string,
): v.InferOutput<T> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw toRequestError(result.issues[0], path);
  return result.output;
}

/**
 * A block that is plain content wherever it appears (a user turn, a tool result, a document's
 * content): text, image, document, search_result → Gemini parts. Null for any other type.
 */
export async function toMediaParts(
  block: { type: string },
  path: string,
  resolveImage: ResolveImage,
): Promise<GeminiPart[] | null> {
  switch (block.type) {
    case "text": {
      const { text: value } = check(text, block, path) as TextBlock;
      return value === "" ? [] : [{ text: value }];
    }
    case "image":
      return [{ inlineData: await toImage(check(image, block, path), path, resolveImage) }];
    case "document":
      return toDocument(check(document, block, path), path, resolveImage);
    case "search_result":
      return [{ text: toSearchResultText(check(searchResult, block, path)) }];
    default:
      return null;
  }
}

async function toImage(
  block: ImageBlock,
  path: string,
  resolveImage: ResolveImage,
): Promise<GeminiBlob> {
  const source = block.source;
  if (source.type === "base64") {
    return { mimeType: source.media_type, data: checkBase64(source.data, `${path}.source.data`) };
  }
  if (source.type === "url") {
    if (!/^https?:\/\//i.test(source.url)) {
      throw badRequest(`${path}.source.url`, `${path}.source.url: expected an http(s) URL.`);
    }
    try {
      return await resolveImage(source.url);
    } catch (error) {
      // The download's own 400 names image_url; here the field is the block's source.url.
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      throw badRequest(`${path}.source.url`, `${path}.source.url: ${error.message}`);
    }
  }
  throw filesUnsupported(`${path}.source`);
}

async function toDocument(
  block: DocumentBlock,
  path: string,
  resolveImage: ResolveImage,
): Promise<GeminiPart[]> {
  const source = block.source;
  const heading = [block.title, block.context].filter(Boolean).join("\n");
  const withHeading = (parts: GeminiPart[]) =>
    heading === "" ? parts : [{ text: heading }, ...parts];
  switch (source.type) {
    case "base64":
      return withHeading([
        {
          inlineData: {
            mimeType: "application/pdf",
            data: checkBase64(source.data, `${path}.source.data`),
          },
        },
      ]);
    case "text":
      return withHeading(source.data === "" ? [] : [{ text: source.data }]);
    case "content": {
      if (typeof source.content === "string") {
        return withHeading(source.content === "" ? [] : [{ text: source.content }]);
      }
      const parts: GeminiPart[] = [];
      for (const [index, inner] of source.content.entries()) {
        const innerPath = `${path}.source.content.${index}`;
        const translated = await toMediaParts(inner, innerPath, resolveImage);
        if (!translated || inner.type === "document") throw unsupportedBlock(inner, innerPath);
        parts.push(...translated);
      }
      return withHeading(parts);
    }
    case "url":
      throw badRequest(
        `${path}.source`,
        `${path}.source: documents by URL are not supported; send the PDF as base64.`,
      );
    default:
      throw filesUnsupported(`${path}.source`);
  }
}

function toSearchResultText(block: SearchResultBlock): string {
  const body = block.content.map((part) => part.text).join("\n");
  return `${block.title} (${block.source})\n${body}`;
}

const filesUnsupported = (param: string) =>
  badRequest(
    param,
    `${param}: files uploaded with the Files API (file_id) are not supported; send the data inline.`,
  );

export const unsupportedBlock = (block: { type: string }, path: string) =>
  badRequest(
    `${path}.type`,
    `${path}.type: content blocks of type '${block.type}' are not supported here.`,
  );
