import { badRequest } from "../../../../common/api-error.ts";
import {
  parseFunctionArguments,
  toFunctionResponseObject,
} from "../../../gemini/function-parts.ts";
import { partResolutionFor } from "../../../gemini/part-media-resolution.ts";
import { DUMMY_THOUGHT_SIGNATURE, fromToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiContent, GeminiPart } from "../../../gemini/types.ts";
import { checkBase64, parseDataUrl, type ResolveImage } from "../../../media/data-url.ts";
import { geminiFileUri } from "../../../media/gemini-file.ts";
import type { ResponsesItem } from "../validate/responses-request.ts";
import { fromReasoningContent } from "./reasoning-content.ts";
import type { ToolNames } from "./tools.ts";

export interface GeminiConversation {
  contents: GeminiContent[];
  /** `instructions` plus every system/developer message, in order. */
  instructions: string[];
}

/**
 * Responses `input` → Gemini contents, directly (no detour through chat messages). Items:
 * messages (user/assistant/system/developer, easy or typed), `function_call` and
 * `function_call_output`, `custom_tool_call(_output)` (Codex's free-form tools), and `reasoning`
 * items, whose `encrypted_content` carries the Gemini thought signature of the model turn that
 * follows them. Consecutive turns of one role merge (Gemini wants a call turn's responses together).
 */
export async function toGeminiConversation(
  input: string | readonly ResponsesItem[],
  names: ToolNames,
  resolveImage: ResolveImage,
  requireSignatures: boolean,
): Promise<GeminiConversation> {
  if (typeof input === "string") {
    if (input === "") throw badRequest("input", "Invalid value for 'input': it is empty.");
    return { contents: [{ role: "user", parts: [{ text: input }] }], instructions: [] };
  }
  const contents: GeminiContent[] = [];
  const instructions: string[] = [];
  const callNames = new Map<string, string>();
  /** The signature of a replayed reasoning item, waiting for the model part it belongs to. */
  let pendingSignature: string | undefined;
  const push = (role: "user" | "model", parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    if (role === "model" && pendingSignature && !parts[0]?.thoughtSignature) {
      parts[0] = { ...parts[0], thoughtSignature: pendingSignature };
    }
    if (role === "model") pendingSignature = undefined;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  for (const [index, item] of input.entries()) {
    const path = `input[${index}]`;
    // OpenAI's easy input message has no `type`, nor has an item reference (just its `id`).
    const type =
      item.type ??
      (item.role !== undefined
        ? "message"
        : typeof item.id === "string"
          ? "item_reference"
          : undefined);
    switch (type) {
      case "message": {
        const role = item.role;
        if (role === "system" || role === "developer") {
          instructions.push(textOf(item.content, `${path}.content`));
        } else if (role === "user") {
          push("user", await toUserParts(item.content, `${path}.content`, resolveImage));
        } else if (role === "assistant") {
          push("model", toAssistantParts(item.content, `${path}.content`));
        } else {
          throw badRequest(
            `${path}.role`,
            `Invalid value for '${path}.role': expected 'user', 'assistant', 'system' or 'developer'.`,
          );
        }
        break;
      }
      case "reasoning": {
        const signature = fromReasoningContent(item.encrypted_content);
        if (signature) pendingSignature = signature;
        break;
      }
      case "function_call":
      case "custom_tool_call": {
        const callId = requireString(item.call_id, `${path}.call_id`);
        const name = names.toGemini(
          requireString(item.name, `${path}.name`),
          typeof item.namespace === "string" ? item.namespace : undefined,
        );
        const { baseId, signature } = fromToolCallId(callId);
        callNames.set(callId, name);
        const args =
          type === "custom_tool_call"
            ? { input: typeof item.input === "string" ? item.input : "" }
            : parseFunctionArguments(item.arguments, `${path}.arguments`);
        const part: GeminiPart = { functionCall: { id: baseId, name, args } };
        if (signature) part.thoughtSignature = signature;
        push("model", [part]);
        break;
      }
      case "function_call_output":
      case "custom_tool_call_output": {
        const callId = requireString(item.call_id, `${path}.call_id`);
        const name = callNames.get(callId);
        if (!name) {
          throw badRequest(
            `${path}.call_id`,
            `Invalid value for '${path}.call_id': no function_call with call_id '${callId}' comes before it in 'input'.`,
          );
        }
        const output = outputText(item.output, `${path}.output`);
        push("user", [
          {
            functionResponse: {
              id: fromToolCallId(callId).baseId,
              name,
              response: toFunctionResponseObject(output),
            },
          },
        ]);
        break;
      }
      case "web_search_call":
        // A hosted search the model ran earlier: Gemini grounds again when asked; nothing to replay.
        break;
      case "item_reference":
        throw badRequest(
          `${path}.type`,
          `'item_reference' is not supported: this router keeps no state between requests; send the item itself.`,
          "unsupported_parameter",
        );
      case undefined:
        throw badRequest(`${path}.type`, `Missing required parameter: '${path}.type'.`);
      default:
        throw badRequest(
          `${path}.type`,
          `Invalid value for '${path}.type': input items of type '${String(type)}' are not supported here.`,
        );
    }
  }
  if (requireSignatures) fillMissingSignatures(contents);
  return { contents, instructions };
}

type Part = Record<string, unknown>;

const IMAGE_DETAILS = ["low", "high", "auto", "original"];

/** input_image's `detail` (OpenAI: low, high, auto, original; absent or null = auto). */
function imageDetail(detail: unknown, path: string): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  if (typeof detail === "string" && IMAGE_DETAILS.includes(detail)) return detail;
  throw badRequest(
    path,
    `Invalid value for '${path}': expected one of ${IMAGE_DETAILS.map((value) => `'${value}'`).join(", ")}.`,
  );
}

function contentParts(content: unknown, path: string): Part[] {
  if (typeof content === "string")
    return content === "" ? [] : [{ type: "input_text", text: content }];
  if (!Array.isArray(content)) {
    throw badRequest(
      path,
      `Invalid value for '${path}': expected a string or an array of content parts.`,
    );
  }
  return content as Part[];
}

async function toUserParts(content: unknown, path: string, resolveImage: ResolveImage) {
  const parts: GeminiPart[] = [];
  for (const [index, part] of contentParts(content, path).entries()) {
    const partPath = `${path}[${index}]`;
    switch (part.type) {
      case "input_text":
      case "output_text":
        if (typeof part.text === "string" && part.text !== "") parts.push({ text: part.text });
        break;
      case "input_image": {
        // `detail` (low, high, original → ULTRA_HIGH, auto) is this image's own resolution.
        const resolution = partResolutionFor(imageDetail(part.detail, `${partPath}.detail`));
        const reference = typeof part.file_id === "string" ? part.file_id : part.image_url;
        const fileUri = typeof reference === "string" ? geminiFileUri(reference) : null;
        if (fileUri) {
          parts.push({ fileData: { fileUri }, ...resolution });
          break;
        }
        const url = part.image_url;
        if (typeof url !== "string") {
          throw badRequest(
            `${partPath}.image_url`,
            `Invalid value for '${partPath}.image_url': send the image as a data URL or an https URL (uploaded files, file_id, are not supported).`,
          );
        }
        const inline = url.startsWith("data:")
          ? parseDataUrl(url, `${partPath}.image_url`)
          : /^https?:\/\//i.test(url)
            ? await resolveImage(url)
            : undefined;
        if (!inline) {
          throw badRequest(
            `${partPath}.image_url`,
            `Invalid value for '${partPath}.image_url': expected a data URL or an https URL.`,
          );
        }
        parts.push({ inlineData: inline, ...resolution });
        break;
      }
      case "input_file": {
        const reference = typeof part.file_id === "string" ? part.file_id : part.file_url;
        const fileUri = typeof reference === "string" ? geminiFileUri(reference) : null;
        if (fileUri) {
          parts.push({ fileData: { fileUri } });
          break;
        }
        const data = part.file_data;
        if (typeof data !== "string") {
          throw badRequest(
            `${partPath}.file_data`,
            `Invalid value for '${partPath}.file_data': send the file inline as a data URL, or name a file of the gateway's Gemini Files API in file_id (files/{id} or its URI).`,
          );
        }
        if (data.startsWith("data:")) {
          parts.push({ inlineData: parseDataUrl(data, `${partPath}.file_data`) });
        } else {
          const pdf =
            typeof part.filename === "string" && part.filename.toLowerCase().endsWith(".pdf");
          if (!pdf) {
            throw badRequest(
              `${partPath}.file_data`,
              `Invalid value for '${partPath}.file_data': expected a data URL (data:<mime>;base64,<data>).`,
            );
          }
          parts.push({
            inlineData: {
              mimeType: "application/pdf",
              data: checkBase64(data, `${partPath}.file_data`),
            },
          });
        }
        break;
      }
      default:
        throw badRequest(
          `${partPath}.type`,
          `Invalid value for '${partPath}.type': content part type '${String(part.type)}' is not supported (use input_text, input_image or input_file).`,
        );
    }
  }
  return parts;
}

function toAssistantParts(content: unknown, path: string): GeminiPart[] {
  const parts: GeminiPart[] = [];
  for (const [index, part] of contentParts(content, path).entries()) {
    const text = part.type === "refusal" ? part.refusal : part.text;
    if (typeof text !== "string") {
      throw badRequest(
        `${path}[${index}]`,
        `Invalid value for '${path}[${index}]': expected an output_text or refusal part.`,
      );
    }
    if (text !== "") parts.push({ text });
  }
  return parts;
}

function textOf(content: unknown, path: string): string {
  return contentParts(content, path)
    .map((part) => (typeof part.text === "string" ? part.text : ""))
    .filter((text) => text !== "")
    .join("\n");
}

/** A tool's output: a string, or content parts whose text is joined. */
function outputText(output: unknown, path: string): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) {
    return output
      .map((part) => (typeof part?.text === "string" ? (part.text as string) : ""))
      .join("\n");
  }
  throw badRequest(
    path,
    `Invalid value for '${path}': expected a string or an array of content parts.`,
  );
}

function requireString(value: unknown, path: string): string {
  if (typeof value === "string" && value !== "") return value;
  throw badRequest(path, `Missing required parameter: '${path}'.`);
}

/**
 * Gemini 3 refuses a replayed call turn whose first functionCall lost its signature; Google
 * documents a placeholder for exactly that case (a client that dropped reasoning items).
 */
function fillMissingSignatures(contents: GeminiContent[]) {
  for (const content of contents) {
    if (content.role !== "model") continue;
    const first = content.parts.find((part) => part.functionCall);
    if (first && !content.parts.some((part) => part.functionCall && part.thoughtSignature)) {
      first.thoughtSignature = DUMMY_THOUGHT_SIGNATURE;
    }
  }
}
