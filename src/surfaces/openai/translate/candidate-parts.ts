import { customToolInput } from "../../../gemini/custom-tool.ts";
import { toToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiPart } from "../../../gemini/types.ts";
import type { ToolCallExtraContent } from "./openai-types.ts";

export type OpenAIToolCall = (
  | { id: string; type: "function"; function: { name: string; arguments: string } }
  | { id: string; type: "custom"; custom: { name: string; input: string } }
) & { extra_content?: ToolCallExtraContent };

/**
 * An image the model made, as OpenRouter and LiteLLM return them (`message.images`,
 * `delta.images`): a data URL.
 */
export interface OpenAIImage {
  type: "image_url";
  image_url: { url: string };
}

/** One response part as OpenAI sees it; thoughts are dropped unless includeThoughts. */
export type TranslatedPart =
  | { kind: "content"; text: string }
  | { kind: "reasoning"; text: string }
  | { kind: "tool_call"; call: OpenAIToolCall }
  | { kind: "image"; image: OpenAIImage };

/**
 * Tool call ids Gemini did not give are derived from the completion id (random per request), the
 * choice and the call's position: unique within a conversation, and the same however a stream
 * arrives.
 */
export function fallbackCallId(completionId: string, choice: number, call: number): string {
  const stem = completionId.replace(/[^A-Za-z0-9]/g, "").slice(-24);
  return `call_${stem}_${choice}_${call}`;
}

/** What a translation needs to know of the request. */
export interface PartContext {
  includeThoughts: boolean;
  /** Names of the client's `custom` tools: their calls are custom tool calls with `input`. */
  customTools?: ReadonlySet<string>;
}

export function translatePart(
  part: GeminiPart,
  context: PartContext,
  fallbackId: () => string,
): TranslatedPart | null {
  const includeThoughts = context.includeThoughts;
  if (part.functionCall) {
    const { id, name, args } = part.functionCall;
    const signature = part.thoughtSignature;
    const callId = toToolCallId(id || fallbackId(), signature);
    const call: OpenAIToolCall = context.customTools?.has(name)
      ? { id: callId, type: "custom", custom: { name, input: customToolInput(args) } }
      : { id: callId, type: "function", function: { name, arguments: JSON.stringify(args ?? {}) } };
    if (signature) call.extra_content = { google: { thought_signature: signature } };
    return { kind: "tool_call", call };
  }
  if (typeof part.text === "string") {
    if (part.thought) return includeThoughts ? { kind: "reasoning", text: part.text } : null;
    return { kind: "content", text: part.text };
  }
  if (part.inlineData) {
    // Image models' draft images are thoughts too (thought: true): shown only with the thoughts.
    if (part.thought) return null;
    const { mimeType, data } = part.inlineData;
    return {
      kind: "image",
      image: { type: "image_url", image_url: { url: `data:${mimeType};base64,${data}` } },
    };
  }
  if (part.executableCode) {
    const { language, code } = part.executableCode;
    return {
      kind: "content",
      text: `\n\`\`\`${(language ?? "").toLowerCase()}\n${code}\n\`\`\`\n`,
    };
  }
  if (part.codeExecutionResult) {
    const { outcome, output } = part.codeExecutionResult;
    // OUTCOME_FAILED / OUTCOME_DEADLINE_EXCEEDED (Outcome in the v1beta protos) must not read as
    // a successful run: the failure is named above whatever output (often a traceback) there is.
    const failed =
      outcome === "OUTCOME_FAILED" || outcome === "OUTCOME_DEADLINE_EXCEEDED"
        ? `Code execution failed (${outcome})`
        : "";
    if (!failed && !output) return null;
    const body = [failed, output ?? ""].filter((line) => line !== "").join("\n");
    return { kind: "content", text: `\n\`\`\`\n${body}\n\`\`\`\n` };
  }
  return null;
}
