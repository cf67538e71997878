import { build } from "esbuild";
import { ROOT } from "../deploy/wrangler.ts";

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a worker entry (relative to the repo root) the way wrangler does: one ES module for
 * workerd. Used by `npm start` and the tests, once per entry and process.
 */
export function bundleWorker(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [`${ROOT}/${entry}`],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["workerd", "worker", "browser"],
      write: false,
      logLevel: "silent",
    }).then((result) => result.outputFiles[0]?.text ?? "");
    bundles.set(entry, bundle);
  }
  return bundle;
}
