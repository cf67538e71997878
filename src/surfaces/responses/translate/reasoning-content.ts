/**
 * A reasoning item's `encrypted_content` is opaque to clients, who replay it unchanged (Codex asks
 * for it with `include: ["reasoning.encrypted_content"]` and sends it back every turn). The router
 * keeps Gemini's thought signature of the turn in it, so a replayed conversation gets every
 * signature back without the router storing anything.
 */
const PREFIX = "gemini-thought-signature:v1:";

export function toReasoningContent(signature: string): string {
  return PREFIX + signature;
}

/** The signature inside content made by toReasoningContent; anything else is not ours: undefined. */
export function fromReasoningContent(content: unknown): string | undefined {
  if (typeof content !== "string" || !content.startsWith(PREFIX)) return undefined;
  const signature = content.slice(PREFIX.length);
  return signature === "" ? undefined : signature;
}
