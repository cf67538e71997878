import { toToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiPart } from "../../../gemini/types.ts";
import type { ToolCallExtraContent } from "./openai-types.ts";

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
  extra_content?: ToolCallExtraContent;
}

/** One response part as OpenAI sees it; thoughts are dropped unless includeThoughts. */
export type TranslatedPart =
  | { kind: "content"; text: string }
  | { kind: "reasoning"; text: string }
  | { kind: "tool_call"; call: OpenAIToolCall };

/**
 * Tool call ids Gemini did not give are derived from the completion id (random per request), the
 * choice and the call's position: unique within a conversation, and the same however a stream
 * arrives.
 */
export function fallbackCallId(completionId: string, choice: number, call: number): string {
  const stem = completionId.replace(/[^A-Za-z0-9]/g, "").slice(-24);
  return `call_${stem}_${choice}_${call}`;
}

export function translatePart(
  part: GeminiPart,
  includeThoughts: boolean,
  fallbackId: () => string,
): TranslatedPart | null {
  if (part.functionCall) {
    const { id, name, args } = part.functionCall;
    const signature = part.thoughtSignature;
    const call: OpenAIToolCall = {
      id: toToolCallId(id || fallbackId(), signature),
      type: "function",
      function: { name, arguments: JSON.stringify(args ?? {}) },
    };
    if (signature) call.extra_content = { google: { thought_signature: signature } };
    return { kind: "tool_call", call };
  }
  if (typeof part.text === "string") {
    if (part.thought) return includeThoughts ? { kind: "reasoning", text: part.text } : null;
    return { kind: "content", text: part.text };
  }
  if (part.executableCode) {
    const { language, code } = part.executableCode;
    return {
      kind: "content",
      text: `\n\`\`\`${(language ?? "").toLowerCase()}\n${code}\n\`\`\`\n`,
    };
  }
  if (part.codeExecutionResult?.output) {
    return { kind: "content", text: `\n\`\`\`\n${part.codeExecutionResult.output}\n\`\`\`\n` };
  }
  return null;
}
