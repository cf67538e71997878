#!/usr/bin/env node
// A stand-in for wrangler that records every call and simulates Cloudflare's state.
// FAKE_WRANGLER_DIR holds calls.jsonl (argv, env names, a few env values, copies of given files)
// and state.json ({ workers: { name: { secrets: [names], services: [{ binding, service }] } } }),
// the same file the fake Cloudflare API serves. Scenarios, by environment variable:
//   FAKE_WRANGLER_FAIL=<worker>       its deploy fails
//   FAKE_WRANGLER_HANG=<worker>       its deploy writes <dir>/hanging ({ secretsFile, pid }), then waits
//   FAKE_WRANGLER_BANNER=1            `secret list` prints a warning banner on stderr before its JSON
//   FAKE_WRANGLER_SECRET_LIST=<text>  `secret list` prints <text> on stdout instead of JSON
//   FAKE_WRANGLER_MAX_BINDINGS=<n>    a deploy whose vars + kept and new secrets exceed n fails, as Cloudflare's does
// A secrets file is recorded as { mode, secrets } so tests can check its permissions and content.
import {
  appendFileSync,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { parse } from "smol-toml";

const dir = process.env.FAKE_WRANGLER_DIR;
const args = process.argv.slice(2);
const statePath = `${dir}/state.json`;
const state = existsSync(statePath) ? JSON.parse(readFileSync(statePath, "utf8")) : { workers: {} };
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const files = {};
const envValues = Object.fromEntries(
  ["WRANGLER_LOG_SANITIZE", "WRANGLER_SEND_METRICS", "CI"].map((name) => [name, process.env[name]]),
);
const record = () =>
  appendFileSync(
    `${dir}/calls.jsonl`,
    `${JSON.stringify({ argv: args, envNames: Object.keys(process.env).sort(), envValues, files })}\n`,
  );
const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2));
const fail = (message) => {
  record();
  process.stderr.write(`✘ [ERROR] ${message}\n`);
  process.exit(1);
};

const [command, subcommand] = args;
if (command === "deploy") {
  const configPath = option("--config");
  const text = readFileSync(configPath, "utf8");
  files[configPath] = text;
  const config = parse(text);
  const secretsFile = option("--secrets-file");
  const secrets = secretsFile ? JSON.parse(readFileSync(secretsFile, "utf8")) : {};
  if (secretsFile) files[secretsFile] = { mode: statSync(secretsFile).mode & 0o777, secrets };
  const name = config.name;
  if (name === process.env.FAKE_WRANGLER_FAIL)
    fail(`A request to the Cloudflare API failed for ${name}.`);
  if (name === process.env.FAKE_WRANGLER_HANG) {
    record();
    // Written whole, then renamed: the test polls for the file and reads it at once.
    writeFileSync(`${dir}/hanging.tmp`, JSON.stringify({ secretsFile, pid: process.pid }));
    renameSync(`${dir}/hanging.tmp`, `${dir}/hanging`);
    setInterval(() => {}, 1000);
  } else if (!args.includes("--dry-run")) {
    const kept = state.workers[name]?.secrets ?? [];
    // Like Cloudflare: secrets uploaded with a deploy add to the ones the worker already has.
    const after = [...new Set([...kept, ...Object.keys(secrets)])].sort();
    const max = Number(process.env.FAKE_WRANGLER_MAX_BINDINGS || Infinity);
    if (after.length + Object.keys(config.vars ?? {}).length > max)
      fail(`${name}: too many environment variables and secrets (more than ${max}).`);
    record();
    state.workers[name] = { secrets: after, services: config.services ?? [] };
    save();
    console.log(
      `Uploaded ${name}\nDeployed ${name} triggers\n  https://${name}.example.workers.dev`,
    );
  } else {
    record();
    console.log(`--dry-run: exiting now.`);
  }
} else if (command === "secret" && subcommand === "list") {
  const worker = state.workers[option("--name")];
  if (!worker) fail(`Worker "${option("--name")}" not found.`);
  record();
  if (process.env.FAKE_WRANGLER_BANNER)
    process.stderr.write("▲ [WARNING] Processing wrangler.toml configuration: [names] look odd\n");
  if (process.env.FAKE_WRANGLER_SECRET_LIST !== undefined)
    console.log(process.env.FAKE_WRANGLER_SECRET_LIST);
  else console.log(JSON.stringify(worker.secrets.map((name) => ({ name, type: "secret_text" }))));
} else if (command === "secret" && subcommand === "delete") {
  const worker = state.workers[option("--name")];
  if (!worker) fail("This Worker does not exist on your account. [code: 10007]");
  record();
  worker.secrets = worker.secrets.filter((name) => name !== args[2]);
  save();
  console.log(`✨ Success! Deleted secret ${args[2]}`);
} else if (command === "delete") {
  const name = option("--name");
  if (!state.workers[name]) fail(`This Worker does not exist on your account. [code: 10007]`);
  record();
  delete state.workers[name];
  save();
  console.log(`Successfully deleted ${name}`);
} else {
  fail(`fake wrangler: unsupported call ${args.join(" ")}`);
}
