import { bytesToBase64 } from "../../common/base64.ts";

/**
 * Gemini 3 rejects a conversation whose earlier functionCall parts lost their thoughtSignature, but
 * OpenAI clients only echo back what the OpenAI shape has. So a signature travels twice:
 * in `tool_calls[].extra_content.google.thought_signature` (what Google's own OpenAI-compatible
 * endpoint does) and inside the tool call id itself, for clients that drop unknown fields.
 *
 * Id layout: `<base>__ts_<flag><payload>`
 * - base: Gemini's functionCall.id, or one made by the caller (see fallbackCallId), or
 *   `call_` + 24 random alphanumerics;
 * - flag `b`: the signature is padded standard base64 (as Gemini sends it), carried in its URL-safe
 *   form without padding (restored exactly on the way back), so the id keeps to `[A-Za-z0-9_-]` (ids some clients and providers insist on);
 * - flag `u`: any other string, carried as base64url of its UTF-8 bytes.
 * The first `__ts_` splits base from signature. Signatures can be a few KB, so ids get long;
 * OpenAI sets no length limit on tool call ids and clients echo them back unchanged.
 */
const SEPARATOR = "__ts_";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const URL_SAFE_BASE64 = /^[A-Za-z0-9_-]+$/;

/** Google's documented placeholder for a functionCall whose signature is lost. */
export const DUMMY_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

export function randomCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let id = "call_";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export function toToolCallId(baseId: string | undefined, signature: string | undefined): string {
  const base = baseId || randomCallId();
  if (!signature) return base;
  if (STANDARD_BASE64.test(signature) && signature.length % 4 === 0) {
    return `${base}${SEPARATOR}b${signature.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
  }
  return `${base}${SEPARATOR}u${toBase64Url(new TextEncoder().encode(signature))}`;
}

/** Splits an id made by toToolCallId; any other id comes back as its own base, unsigned. */
export function fromToolCallId(id: string): { baseId: string; signature?: string } {
  const at = id.indexOf(SEPARATOR);
  if (at <= 0) return { baseId: id };
  const baseId = id.slice(0, at);
  const flag = id.charAt(at + SEPARATOR.length);
  const payload = id.slice(at + SEPARATOR.length + 1);
  if (!URL_SAFE_BASE64.test(payload)) return { baseId: id };
  const standard = payload.replaceAll("-", "+").replaceAll("_", "/");
  const padded = standard.padEnd(Math.ceil(standard.length / 4) * 4, "=");
  if (flag === "b") return { baseId, signature: padded };
  if (flag === "u") {
    try {
      const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
      return {
        baseId,
        signature: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
      };
    } catch {
      return { baseId: id };
    }
  }
  return { baseId: id };
}

function toBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
