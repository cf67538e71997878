import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { badRequest } from "../../../../common/api-error.ts";
import {
  parseFunctionArguments,
  toFunctionResponseObject,
} from "../../../gemini/function-parts.ts";
import { foldIntoFirstUserTurn } from "../../../gemini/system-instruction.ts";
import { DUMMY_THOUGHT_SIGNATURE, fromToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiContent, GeminiPart } from "../../../gemini/types.ts";
import { type ResolveImage, toGeminiParts, toPlainText } from "./content-parts.ts";
import type { ToolCallExtraContent } from "./openai-types.ts";

export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

type AssistantToolCall = NonNullable<ChatCompletionAssistantMessageParam["tool_calls"]>[number] & {
  extra_content?: ToolCallExtraContent;
};

/**
 * OpenAI messages → Gemini contents. System/developer messages (wherever they are) join into
 * systemInstruction; tool results become functionResponse parts of a user turn; consecutive
 * turns of one role merge. With `requireSignatures` (gemini-3), a functionCall whose thought
 * signature cannot be recovered gets Google's documented dummy signature. A model without
 * `systemInstruction` (Gemma) gets the system text at the head of the first user turn instead.
 */
export async function toGeminiConversation(
  messages: readonly ChatCompletionMessageParam[],
  resolveImage: ResolveImage,
  model: { requireSignatures: boolean; systemInstruction: boolean },
): Promise<GeminiConversation> {
  const instructions: string[] = [];
  const contents: GeminiContent[] = [];
  const callNames = new Map<string, string>();
  const push = (role: "user" | "model", parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  for (const [index, message] of messages.entries()) {
    const path = `messages[${index}]`;
    switch (message.role) {
      case "system":
      case "developer":
        instructions.push(toPlainText(message.content));
        break;
      case "user":
        push("user", await toGeminiParts(message.content, `${path}.content`, resolveImage));
        break;
      case "assistant": {
        const parts = await toGeminiParts(message.content, `${path}.content`, resolveImage);
        for (const [callIndex, call] of (message.tool_calls ?? []).entries()) {
          const part = toFunctionCallPart(call, `${path}.tool_calls[${callIndex}]`);
          callNames.set(call.id, part.functionCall?.name ?? "");
          parts.push(part);
        }
        if (message.function_call) {
          const { name, arguments: args } = message.function_call;
          parts.push({
            functionCall: {
              name,
              args: parseFunctionArguments(args, `${path}.function_call.arguments`),
            },
          });
        }
        push("model", parts);
        break;
      }
      case "tool": {
        const name = callNames.get(message.tool_call_id);
        if (!name) {
          throw badRequest(
            `${path}.tool_call_id`,
            `Invalid value for '${path}.tool_call_id': no earlier assistant tool call has the id '${message.tool_call_id}'.`,
          );
        }
        const id = fromToolCallId(message.tool_call_id).baseId;
        const response = toFunctionResponseObject(toPlainText(message.content));
        push("user", [{ functionResponse: { id, name, response } }]);
        break;
      }
      case "function":
        push("user", [
          {
            functionResponse: {
              name: message.name,
              response: toFunctionResponseObject(message.content ?? ""),
            },
          },
        ]);
        break;
    }
  }
  if (model.requireSignatures) fillMissingSignatures(contents);
  const text = instructions.filter((instruction) => instruction !== "").join("\n\n");
  if (contents.length === 0) {
    if (!text) {
      throw badRequest(
        "messages",
        "Invalid value for 'messages': at least one message with content is required.",
      );
    }
    // OpenAI answers a system-only conversation; Gemini needs a user turn, so the text is that turn.
    return { contents: foldIntoFirstUserTurn(contents, text) };
  }
  if (!text) return { contents };
  if (model.systemInstruction) return { contents, systemInstruction: { parts: [{ text }] } };
  return { contents: foldIntoFirstUserTurn(contents, text) };
}

/** A replayed call; a custom tool's call goes back as the function it was declared as. */
function toFunctionCallPart(call: AssistantToolCall, path: string): GeminiPart {
  const { baseId, signature: fromId } = fromToolCallId(call.id);
  const signature = call.extra_content?.google?.thought_signature ?? fromId;
  const [name, args] =
    call.type === "function"
      ? [
          call.function.name,
          parseFunctionArguments(call.function.arguments, `${path}.function.arguments`),
        ]
      : [call.custom.name, { input: call.custom.input }];
  const part: GeminiPart = { functionCall: { id: baseId, name, args } };
  if (signature) part.thoughtSignature = signature;
  return part;
}

function fillMissingSignatures(contents: GeminiContent[]) {
  for (const content of contents) {
    if (content.role !== "model") continue;
    for (const part of content.parts) {
      if (part.functionCall && !part.thoughtSignature)
        part.thoughtSignature = DUMMY_THOUGHT_SIGNATURE;
    }
  }
}
