import type { Content } from "../validate/request-shapes.ts";

/**
 * Per-request triggers a test writes into the last user message's text, so that any client
 * (through any gateway) can ask for a given answer deterministically:
 *
 * - `emulate:finish=<REASON>`: the candidate ends with that finish reason (see finish-reasons.ts);
 * - `emulate:block=<REASON>`: the prompt is blocked (`promptFeedback.blockReason`); `BLOCKME`
 *   anywhere in the conversation is the older spelling of `emulate:block=SAFETY`;
 * - `emulate:code-fails`: with the codeExecution tool, the executed code fails (OUTCOME_FAILED);
 * - `emulate:long=<N>`: the answer is N tokens long (`t1 t2 … tN`), for long decode.
 */
export interface Directives {
  finishReason?: string;
  blockReason?: string;
  codeFails: boolean;
  longAnswerTokens?: number;
}

const DIRECTIVE = /\bemulate:([a-z-]+)(?:=([A-Za-z0-9_]+))?/g;

export function readDirectives(last: Content | undefined, contents: readonly Content[]) {
  const directives: Directives = { codeFails: false };
  for (const part of last?.parts ?? []) {
    for (const [, name, value] of (part.text ?? "").matchAll(DIRECTIVE)) {
      if (name === "finish" && value) directives.finishReason = value.toUpperCase();
      if (name === "block" && value) directives.blockReason = value.toUpperCase();
      if (name === "code-fails") directives.codeFails = true;
      if (name === "long" && value && /^[1-9][0-9]{0,6}$/.test(value)) {
        directives.longAnswerTokens = Number(value);
      }
    }
  }
  const blockMe = contents.some((content) =>
    (content.parts ?? []).some((part) => part.text?.includes("BLOCKME")),
  );
  if (blockMe && !directives.blockReason) directives.blockReason = "SAFETY";
  return directives;
}
