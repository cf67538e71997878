import { BoundedMap } from "./bounded-map.ts";

const encoder = new TextEncoder();

/** One per key of the worker (8 as deployed); the bound only matters if keys change under it. */
const prints = new BoundedMap<string, Promise<string>>(256);

/**
 * A key's print: the first 8 hex digits (32 bits) of its SHA-256 — stable wherever the key is
 * deployed, non-reversible, and not secret. Resource tags carry it (common/resource-tag.ts); the
 * deploy tooling gives the orchestrator each backend's prints. Computed once per secret and isolate.
 */
export function keyPrint(secret: string): Promise<string> {
  let print = prints.peek(secret);
  if (!print) {
    print = crypto.subtle
      .digest("SHA-256", encoder.encode(secret))
      .then((digest) =>
        Array.from(new Uint8Array(digest).subarray(0, 4), (byte) =>
          byte.toString(16).padStart(2, "0"),
        ).join(""),
      );
    prints.set(secret, print);
  }
  return print;
}

/**
 * A short, stable, non-reversible name for a secret, as logs and the status page show it: the
 * first 6 hex digits of its SHA-256 (the start of its print).
 */
export async function fingerprint(secret: string): Promise<string> {
  return (await keyPrint(secret)).slice(0, 6);
}

/**
 * How logs and errors name a key, never by its value: `key#3 (a1b2c3)`, or by the variable the
 * user set it in when the worker knows it (KEY_NAMES): `KEY10 (a1b2c3)`.
 */
export const keyLabel = (index: number, print: string, name?: string) =>
  `${name ?? `key#${index}`} (${print})`;

/**
 * Replaces every occurrence of any of the secrets in `text` with a placeholder, whatever their
 * length. One pass, longest secret first, so a secret containing another is never half shown and
 * a placeholder is never redacted again.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const present = secrets.filter((secret) => secret !== "" && text.includes(secret));
  if (present.length === 0) return text;
  present.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(present.map(escapeRegExp).join("|"), "g");
  return text.replace(pattern, "[redacted]");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
