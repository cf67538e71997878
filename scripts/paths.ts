import { fileURLToPath } from "node:url";

/** The repository root, whatever the current directory. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** The project's pinned wrangler; `WRANGLER_BIN` replaces it. */
export const wranglerBin = () => process.env.WRANGLER_BIN || `${ROOT}/node_modules/.bin/wrangler`;
