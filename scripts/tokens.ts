/**
 * `npm run tokens -- create --name <label> [--models <globs>] [--expires <30d|2027-06-30>] [--rpm <n>]`
 * and `npm run tokens -- inspect <token>`: per-user tokens for sharing the gateway without PASS.
 * A token carries its own claims, signed with TOKEN_SECRET (read from the environment or
 * `.dev.vars`, never from the command line, never printed): no database holds it. `create` prints
 * the token alone on stdout (its claims on stderr); `inspect` shows a token's claims and, when
 * TOKEN_SECRET is at hand, whether this gateway would accept it.
 */
import { parseArgs } from "node:util";
import { parseRateLimits } from "../common/rate-limit.ts";
import { readTokenClaims, signToken, type TokenClaims, verifyToken } from "../common/user-token.ts";
import { UserError } from "../deploy/user-error.ts";
import { readEnvironment } from "./read-environment.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `usage:
  npm run tokens -- create --name <label> [--models <glob,glob>] [--expires <30d|12h|2027-06-30>] [--rpm <n>]
  npm run tokens -- inspect <token>`;

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `--expires` as seconds since the epoch: a duration from now (`90m`, `12h`, `30d`, `8w`) or a date. */
export function parseExpiry(value: string, now = Date.now()): number {
  const duration = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (duration) {
    const seconds = Number(duration[1]) * (UNITS[duration[2] as string] as number);
    if (seconds > 0) return Math.floor(now / 1000) + seconds;
  }
  const date = Date.parse(value);
  if (!duration && Number.isFinite(date) && date > now) return Math.floor(date / 1000);
  throw new UserError(
    `--expires ${JSON.stringify(value)} is neither a duration (90m, 12h, 30d, 8w) nor a future date (2027-06-30).`,
  );
}

/** `--models` as globs: comma-separated, each a Gemini model id where `*` matches any run. */
export function parseModelGlobs(value: string): string[] {
  const globs = value
    .split(",")
    .map((glob) => glob.trim().replace(/^models\//, ""))
    .filter((glob) => glob !== "");
  for (const glob of globs) {
    if (!/^[a-z0-9.*-]+$/i.test(glob)) {
      throw new UserError(
        `--models: ${JSON.stringify(glob)} is not a model glob (letters, digits, ".", "-" and "*").`,
      );
    }
  }
  if (globs.length === 0) throw new UserError("--models names no model.");
  return globs;
}

function tokenSecret(env: Record<string, string | undefined>): string {
  const secret = env.TOKEN_SECRET?.trim();
  if (!secret) {
    throw new UserError(
      "TOKEN_SECRET is not set: put the secret your gateway uses in the environment or .dev.vars (never on the command line).",
    );
  }
  if (secret.length < 32) {
    throw new UserError("TOKEN_SECRET is shorter than 32 characters: use a long random value.");
  }
  return secret;
}

export async function createToken(
  options: { name?: string; models?: string; expires?: string; rpm?: string },
  env: Record<string, string | undefined>,
  now = Date.now(),
): Promise<{ token: string; claims: TokenClaims }> {
  const name = options.name?.trim();
  if (!name) throw new UserError("--name is required: a label for who holds the token.");
  if (name.length > 64) throw new UserError("--name is longer than 64 characters.");
  const claims: TokenClaims = {
    id: crypto.randomUUID().replaceAll("-", "").slice(0, 16),
    name,
    iat: Math.floor(now / 1000),
  };
  if (options.models !== undefined) claims.models = parseModelGlobs(options.models);
  if (options.expires !== undefined) claims.exp = parseExpiry(options.expires, now);
  if (options.rpm !== undefined) {
    const offered = parseRateLimits(env.RATE_LIMITS ?? "");
    const rpm = Number(options.rpm);
    if (!offered.includes(rpm)) {
      throw new UserError(
        offered.length === 0
          ? "--rpm: this gateway offers no rate limits: set RATE_LIMITS (requests per minute, e.g. 5,60,600) and deploy first."
          : `--rpm ${options.rpm} is not offered; choose one of RATE_LIMITS: ${offered.join(", ")}.`,
      );
    }
    claims.rpm = rpm;
  }
  return { token: await signToken(claims, tokenSecret(env)), claims };
}

export function describeClaims(claims: TokenClaims): string {
  const date = (seconds: number) => new Date(seconds * 1000).toISOString();
  return [
    `id:      ${claims.id}`,
    `name:    ${claims.name}`,
    `models:  ${claims.models?.join(", ") ?? "all"}`,
    `expires: ${claims.exp === undefined ? "never" : date(claims.exp)}`,
    `rpm:     ${claims.rpm ?? "unlimited"}`,
    `issued:  ${date(claims.iat)}`,
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      models: { type: "string" },
      expires: { type: "string" },
      rpm: { type: "string" },
      "env-file": { type: "string" },
    },
  });
  const env = readEnvironment(values["env-file"]);
  const [command, token] = positionals;
  if (command === "create") {
    const created = await createToken(values, env);
    console.error(describeClaims(created.claims));
    console.log(created.token);
    return 0;
  }
  if (command === "inspect" && token) {
    const claims = readTokenClaims(token.trim());
    if (!claims) throw new UserError("That is not a gateway token (zr1.…).");
    console.log(describeClaims(claims));
    const secret = env.TOKEN_SECRET?.trim();
    const verdict = !secret
      ? "not checked (no TOKEN_SECRET here)"
      : (await verifyToken(token.trim(), secret))
        ? "valid for this TOKEN_SECRET"
        : "INVALID for this TOKEN_SECRET (forged, altered, or signed with another secret)";
    console.log(`signature: ${verdict}`);
    const revoked = (env.REVOKED_TOKENS ?? "").split(/[\s,]+/).includes(claims.id);
    if (revoked) console.log("revoked: yes (its id is in REVOKED_TOKENS)");
    return 0;
  }
  console.error(USAGE);
  return 2;
}

runCli(import.meta.url, main, USAGE);
