#!/usr/bin/env node
// A stand-in for wrangler that records every call and simulates Cloudflare's state.
// FAKE_WRANGLER_DIR holds calls.jsonl (argv, env names, copies of given files) and state.json
// ({ workers: { name: { secrets: [names] } } }). FAKE_WRANGLER_FAIL names a worker whose deploy fails.
// A secrets file is recorded as { mode, secrets } so tests can check its permissions and content.
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";

const dir = process.env.FAKE_WRANGLER_DIR;
const args = process.argv.slice(2);
const statePath = `${dir}/state.json`;
const state = existsSync(statePath) ? JSON.parse(readFileSync(statePath, "utf8")) : { workers: {} };
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const files = {};
const record = () =>
  appendFileSync(
    `${dir}/calls.jsonl`,
    `${JSON.stringify({ argv: args, envNames: Object.keys(process.env).sort(), files })}\n`,
  );
const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2));
const fail = (message) => {
  record();
  process.stderr.write(`✘ [ERROR] ${message}\n`);
  process.exit(1);
};

const [command, subcommand] = args;
if (command === "deploy") {
  const config = option("--config");
  const text = readFileSync(config, "utf8");
  files[config] = text;
  const secretsFile = option("--secrets-file");
  const secrets = secretsFile ? JSON.parse(readFileSync(secretsFile, "utf8")) : {};
  if (secretsFile) files[secretsFile] = { mode: statSync(secretsFile).mode & 0o777, secrets };
  const name = /^name = "(.+)"$/m.exec(text)?.[1];
  if (name === process.env.FAKE_WRANGLER_FAIL)
    fail(`A request to the Cloudflare API failed for ${name}.`);
  record();
  if (!args.includes("--dry-run")) {
    state.workers[name] ??= { secrets: [] };
    const worker = state.workers[name];
    // Like Cloudflare: secrets uploaded with a deploy add to the ones the worker already has.
    worker.secrets = [...new Set([...worker.secrets, ...Object.keys(secrets)])].sort();
    save();
    console.log(
      `Uploaded ${name}\nDeployed ${name} triggers\n  https://${name}.example.workers.dev`,
    );
  } else {
    console.log(`--dry-run: exiting now.`);
  }
} else if (command === "secret" && subcommand === "list") {
  const worker = state.workers[option("--name")];
  if (!worker) fail(`This Worker does not exist on your account. [code: 10007]`);
  record();
  console.log(JSON.stringify(worker.secrets.map((name) => ({ name, type: "secret_text" }))));
} else if (command === "secret" && subcommand === "delete") {
  const worker = state.workers[option("--name")];
  if (!worker) fail("Worker not found");
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
