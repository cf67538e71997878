const encoder = new TextEncoder();

/** A short, stable, non-reversible name for a secret: the first 6 hex digits of its SHA-256. */
export async function fingerprint(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(secret)));
  return Array.from(digest.subarray(0, 3), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** How logs and errors name a key: `key#3 (a1b2c3)`, never its value. */
export const keyLabel = (index: number, print: string) => `key#${index} (${print})`;

/** Replaces every occurrence of any of the secrets in `text` with a placeholder. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && result.includes(secret))
      result = result.split(secret).join("[redacted]");
  }
  return result;
}
