import * as v from "valibot";
import { badRequest } from "../../../../common/api-error.ts";
import { DUMMY_THOUGHT_SIGNATURE, fromToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiContent, GeminiPart } from "../../../gemini/types.ts";
import type { AnthropicMessage } from "../validate/messages-request.ts";
import { check, type ResolveImage, toMediaParts, unsupportedBlock } from "./content-blocks.ts";
import { isReplayableSignature } from "./signature.ts";

export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

const toolUse = v.looseObject({
  type: v.literal("tool_use"),
  id: v.pipe(v.string(), v.nonEmpty("a tool_use id")),
  name: v.pipe(v.string(), v.nonEmpty("a tool name")),
  input: v.nullish(v.record(v.string(), v.unknown())),
});
const toolResult = v.looseObject({
  type: v.literal("tool_result"),
  tool_use_id: v.string(),
  content: v.nullish(v.union([v.string(), v.array(v.looseObject({ type: v.string() }))])),
  is_error: v.nullish(v.boolean()),
});
const textBlock = v.looseObject({ type: v.literal("text"), text: v.string() });
const thinking = v.looseObject({
  type: v.literal("thinking"),
  thinking: v.string(),
  signature: v.nullish(v.string()),
});

/** Code Gemini ran, as the gateway answered it (server-tools.ts): replayed as Gemini's own parts. */
const codeExecutionUse = v.looseObject({
  type: v.literal("server_tool_use"),
  name: v.literal("code_execution"),
  input: v.looseObject({ code: v.string() }),
});
const codeExecutionResult = v.looseObject({
  type: v.literal("code_execution_tool_result"),
  content: v.looseObject({
    type: v.string(),
    stdout: v.optional(v.string()),
    stderr: v.optional(v.string()),
    return_code: v.optional(v.number()),
  }),
});

/**
 * Blocks a server ran (Anthropic's own tools) that Gemini has no part for: left out of the
 * conversation (a search's sources live on in the text that cites them). Code execution is the
 * exception: it goes back as Gemini's executableCode / codeExecutionResult parts.
 */
const SERVER_BLOCKS = new Set([
  "redacted_thinking",
  "server_tool_use",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
  "text_editor_code_execution_tool_result",
  "tool_search_tool_result",
  "container_upload",
]);

/**
 * Anthropic `system` + `messages` → Gemini systemInstruction + contents, one content per message
 * (consecutive messages of one role merge). `system` messages inside `messages` (Claude Code's
 * mid-conversation system prompts) join the systemInstruction, Gemini's only place for them. Thought signatures come back from where the responses
 * put them: the tool_use id (see tool-call-id.ts), else the turn's thinking block signature; on
 * gemini-3 (`requireSignatures`) a step whose first functionCall still has none gets Google's
 * documented placeholder, so a long tool loop never fails the signature check.
 */
export async function toGeminiConversation(
  system: string | readonly { text: string }[] | null | undefined,
  messages: readonly AnthropicMessage[],
  resolveImage: ResolveImage,
  requireSignatures: boolean,
): Promise<GeminiConversation> {
  const contents: GeminiContent[] = [];
  const instructions = [toSystemText(system)];
  const callNames = new Map<string, string>();
  for (const [index, message] of messages.entries()) {
    const path = `messages.${index}.content`;
    if (message.role === "system") {
      instructions.push(toSystemText(readSystemContent(message.content, path)));
      continue;
    }
    const parts =
      message.role === "assistant"
        ? await toModelParts(message.content, path, resolveImage, callNames)
        : await toUserParts(message.content, path, resolveImage, callNames);
    if (parts.length === 0) continue;
    const role = message.role === "assistant" ? "model" : "user";
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  }
  if (contents.length === 0) {
    throw badRequest("messages", "messages: at least one message with content is required.");
  }
  if (requireSignatures) fillMissingSignatures(contents);
  const instruction = instructions.filter((text) => text !== "").join("\n\n");
  return instruction === ""
    ? { contents }
    : { contents, systemInstruction: { parts: [{ text: instruction }] } };
}

/** `system` as one text; blocks join with blank lines (cache_control and billing headers are plain text). */
function toSystemText(system: string | readonly { text: string }[] | null | undefined): string {
  if (!system) return "";
  if (typeof system === "string") return system;
  return system
    .map((block) => block.text)
    .filter((text) => text !== "")
    .join("\n\n");
}

type Content = AnthropicMessage["content"];

/** A system message's content: text only. */
function readSystemContent(content: Content, path: string): string | { text: string }[] {
  if (typeof content === "string") return content;
  return content.map((block, index) => {
    if (block.type !== "text") throw unsupportedBlock(block, `${path}.${index}`);
    return check(textBlock, block, `${path}.${index}`);
  });
}

async function toUserParts(
  content: Content,
  path: string,
  resolveImage: ResolveImage,
  callNames: ReadonlyMap<string, string>,
): Promise<GeminiPart[]> {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  // Gemini pairs a function response turn with the call turn before it: responses go first.
  const responses: GeminiPart[] = [];
  const others: GeminiPart[] = [];
  for (const [index, block] of content.entries()) {
    const blockPath = `${path}.${index}`;
    if (block.type === "tool_result") {
      const result = check(toolResult, block, blockPath);
      const [response, ...media] = await toFunctionResponse(
        result,
        blockPath,
        resolveImage,
        callNames,
      );
      responses.push(response as GeminiPart);
      others.push(...media);
      continue;
    }
    if (block.type === "thinking" || SERVER_BLOCKS.has(block.type)) continue;
    const parts = await toMediaParts(block, blockPath, resolveImage);
    if (!parts) throw unsupportedBlock(block, blockPath);
    others.push(...parts);
  }
  return [...responses, ...others];
}

/**
 * A tool_result → a functionResponse (`{output}` or, with is_error, `{error}`: the keys Google
 * recommends) followed by the result's images and documents as parts of the same user turn.
 */
async function toFunctionResponse(
  result: v.InferOutput<typeof toolResult>,
  path: string,
  resolveImage: ResolveImage,
  callNames: ReadonlyMap<string, string>,
): Promise<GeminiPart[]> {
  const name = callNames.get(result.tool_use_id);
  if (!name) {
    throw badRequest(
      `${path}.tool_use_id`,
      `${path}.tool_use_id: no earlier assistant tool_use block has the id '${result.tool_use_id}'.`,
    );
  }
  const texts: string[] = [];
  const media: GeminiPart[] = [];
  const content = result.content ?? "";
  if (typeof content === "string") texts.push(content);
  else {
    for (const [index, inner] of content.entries()) {
      const innerPath = `${path}.content.${index}`;
      const parts = await toMediaParts(inner, innerPath, resolveImage);
      if (!parts) throw unsupportedBlock(inner, innerPath);
      for (const part of parts) {
        if (part.text !== undefined) texts.push(part.text);
        else media.push(part);
      }
    }
  }
  const output = texts.join("\n");
  const response = result.is_error ? { error: output } : { output };
  const id = fromToolCallId(result.tool_use_id).baseId;
  return [{ functionResponse: { id, name, response } }, ...media];
}

async function toModelParts(
  content: Content,
  path: string,
  resolveImage: ResolveImage,
  callNames: Map<string, string>,
): Promise<GeminiPart[]> {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  const hasToolUse = content.some((block) => block.type === "tool_use");
  const parts: GeminiPart[] = [];
  // A thinking block's signature belongs to the part Gemini put it on: the first function call
  // of the step, or (without calls) the text after the thoughts.
  let pending: string | undefined;
  for (const [index, block] of content.entries()) {
    const blockPath = `${path}.${index}`;
    switch (block.type) {
      case "thinking": {
        const { signature } = check(thinking, block, blockPath);
        if (signature && isReplayableSignature(signature)) pending = signature;
        break;
      }
      case "tool_use": {
        const call = check(toolUse, block, blockPath);
        callNames.set(call.id, call.name);
        const { baseId, signature } = fromToolCallId(call.id);
        const part: GeminiPart = {
          functionCall: { id: baseId, name: call.name, args: call.input ?? {} },
        };
        const thoughtSignature = signature ?? pending;
        if (thoughtSignature) part.thoughtSignature = thoughtSignature;
        pending = undefined;
        parts.push(part);
        break;
      }
      case "text": {
        const translated = await toMediaParts(block, blockPath, resolveImage);
        const part = translated?.[0];
        if (!part) break;
        if (pending && !hasToolUse) {
          part.thoughtSignature = pending;
          pending = undefined;
        }
        parts.push(part);
        break;
      }
      case "server_tool_use":
      case "code_execution_tool_result": {
        const part = toCodeExecutionPart(block);
        if (part) parts.push(part);
        break;
      }
      default:
        if (SERVER_BLOCKS.has(block.type)) break;
        throw unsupportedBlock(block, blockPath);
    }
  }
  return parts;
}

/**
 * A code_execution server_tool_use → executableCode (Python, the only language Gemini runs); its
 * result → codeExecutionResult: return code 0 is OUTCOME_OK with stdout, another a failure with
 * stderr (or stdout), an error result OUTCOME_DEADLINE_EXCEEDED for `execution_time_exceeded`
 * and OUTCOME_FAILED otherwise. Other server tool uses (web_search, …) are left out.
 */
function toCodeExecutionPart(block: { type: string }): GeminiPart | undefined {
  const use = v.safeParse(codeExecutionUse, block);
  if (use.success) return { executableCode: { language: "PYTHON", code: use.output.input.code } };
  const result = v.safeParse(codeExecutionResult, block);
  if (!result.success) return undefined;
  const content = result.output.content;
  if (
    content.type === "code_execution_result" ||
    content.type === "encrypted_code_execution_result"
  ) {
    const ok = content.return_code === 0;
    const output = ok ? content.stdout : content.stderr || content.stdout;
    return {
      codeExecutionResult: { outcome: ok ? "OUTCOME_OK" : "OUTCOME_FAILED", output: output ?? "" },
    };
  }
  const timedOut = (content as { error_code?: unknown }).error_code === "execution_time_exceeded";
  return {
    codeExecutionResult: { outcome: timedOut ? "OUTCOME_DEADLINE_EXCEEDED" : "OUTCOME_FAILED" },
  };
}

/** gemini-3: the first functionCall of every model step must carry a signature. */
function fillMissingSignatures(contents: GeminiContent[]) {
  for (const content of contents) {
    if (content.role !== "model") continue;
    const first = content.parts.find((part) => part.functionCall);
    if (first && !first.thoughtSignature) first.thoughtSignature = DUMMY_THOUGHT_SIGNATURE;
  }
}
