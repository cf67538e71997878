import type { ChatCompletionContentPart } from "openai/resources/chat/completions";
import { badRequest } from "../../../../common/api-error.ts";
import { partResolutionFor } from "../../../gemini/part-media-resolution.ts";
import type { GeminiPart } from "../../../gemini/types.ts";
import {
  checkBase64,
  type InlineMedia,
  parseDataUrl,
  type ResolveImage,
} from "../../../media/data-url.ts";
import { geminiFileUri } from "../../../media/gemini-file.ts";

export type { InlineMedia, ResolveImage };

const AUDIO_TYPES: Record<string, string> = { wav: "audio/wav", mp3: "audio/mp3" };

type ContentPart = ChatCompletionContentPart | { type: "refusal"; refusal: string };

/**
 * One OpenAI message content (string or parts) → Gemini parts. `path` names the content for
 * errors, e.g. `messages[2].content`. Empty text is dropped: Gemini rejects empty text parts.
 */
export async function toGeminiParts(
  content: string | readonly ContentPart[] | null | undefined,
  path: string,
  resolveImage: ResolveImage,
): Promise<GeminiPart[]> {
  if (content == null) return [];
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  const parts: GeminiPart[] = [];
  for (const [index, part] of content.entries()) {
    const partPath = `${path}[${index}]`;
    switch (part.type) {
      case "text":
        if (part.text !== "") parts.push({ text: part.text });
        break;
      case "refusal":
        if (part.refusal !== "") parts.push({ text: part.refusal });
        break;
      case "image_url": {
        // `detail` is this image's own resolution; the pool moves it request-wide for a model
        // that takes no per-part resolution (src/gemini/part-media-resolution.ts).
        const resolution = partResolutionFor(part.image_url.detail);
        // A file of the gateway's Files API goes to Gemini by reference (with its owner's key).
        const fileUri = geminiFileUri(part.image_url.url);
        if (fileUri) {
          parts.push({ fileData: { fileUri }, ...resolution });
          break;
        }
        parts.push({
          inlineData: await toImage(part.image_url.url, `${partPath}.image_url.url`, resolveImage),
          ...resolution,
        });
        break;
      }
      case "input_audio": {
        const { data, format } = part.input_audio;
        const mimeType = AUDIO_TYPES[format];
        if (!mimeType) throw invalid(`${partPath}.input_audio.format`, "expected 'wav' or 'mp3'");
        parts.push({
          inlineData: { mimeType, data: checkBase64(data, `${partPath}.input_audio.data`) },
        });
        break;
      }
      case "file": {
        const fileUri = part.file.file_id === undefined ? null : geminiFileUri(part.file.file_id);
        if (fileUri) parts.push({ fileData: { fileUri } });
        else parts.push({ inlineData: toFile(part.file, `${partPath}.file`) });
        break;
      }
      default:
        throw invalid(
          `${partPath}.type`,
          `content part type '${(part as { type: string }).type}' is not supported`,
        );
    }
  }
  return parts;
}

/** The text of a message whose content may only be text (system, developer, tool). */
export function toPlainText(
  content: string | readonly { type: string; text?: string }[] | null | undefined,
) {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("\n");
}

async function toImage(
  url: string,
  path: string,
  resolveImage: ResolveImage,
): Promise<InlineMedia> {
  if (url.startsWith("data:")) return parseDataUrl(url, path);
  if (/^https?:\/\//i.test(url)) return resolveImage(url);
  throw invalid(path, "expected a base64 data URL (data:<mime>;base64,<data>) or an http(s) URL");
}

function toFile(
  file: { file_data?: string; file_id?: string; filename?: string },
  path: string,
): InlineMedia {
  if (file.file_data === undefined) {
    throw invalid(
      `${path}.file_data`,
      "file_id must name a file of the gateway's Gemini Files API (files/{id} or its URI); otherwise send file_data",
    );
  }
  if (file.file_data.startsWith("data:")) return parseDataUrl(file.file_data, `${path}.file_data`);
  const mimeType = file.filename?.toLowerCase().endsWith(".pdf") ? "application/pdf" : undefined;
  if (!mimeType)
    throw invalid(`${path}.file_data`, "expected a base64 data URL (data:<mime>;base64,<data>)");
  return { mimeType, data: checkBase64(file.file_data, `${path}.file_data`) };
}

const invalid = (param: string, reason: string) =>
  badRequest(param, `Invalid value for '${param}': ${reason}.`);
