import { createHash } from "node:crypto";

/** How the deploy tooling names a key: its source variable and a SHA-256 prefix, never its value. */
export const shortHash = (value: string) =>
  createHash("sha256").update(value).digest("hex").slice(0, 6);

/** A key's print as resource tags carry it (common/key-fingerprint.ts keyPrint): 8 hex digits. */
export const keyPrintOf = (value: string) =>
  createHash("sha256").update(value).digest("hex").slice(0, 8);
