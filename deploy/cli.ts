/**
 * `npm run deploy -- <command>`: plan | production | preview --pr N | cleanup --pr N | sweep-previews
 * Options: --dry-run, --offline (plan), --smart-placement, --placement-region R,
 * --keys-per-worker N, --max-bindings N, --cpu-ms N (paid plan).
 */
import { cleanup } from "./commands/cleanup.ts";
import { plan } from "./commands/plan.ts";
import { preview } from "./commands/preview.ts";
import { production } from "./commands/production.ts";
import { sweepPreviews } from "./commands/sweep-previews.ts";
import { parseOptions } from "./options.ts";
import { UserError } from "./user-error.ts";

const commands = { plan, production, preview, cleanup, "sweep-previews": sweepPreviews };

const [name, ...args] = process.argv.slice(2);
try {
  if (!name || !(name in commands)) {
    throw new UserError(
      `Usage: npm run deploy -- <${Object.keys(commands).join("|")}> [--pr N] [--dry-run] [--offline] [--smart-placement | --placement-region gcp:us-central1] [--keys-per-worker N] [--max-bindings N] [--cpu-ms N]`,
    );
  }
  await commands[name as keyof typeof commands](parseOptions(args, process.env));
} catch (error) {
  if (error instanceof UserError) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
