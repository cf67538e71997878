import { readFileSync, writeFileSync } from "node:fs";
import { modelsMarkdown, README_END, README_START } from "./models-readme.ts";

/** `node emulator/models/write-models-readme.ts`: rewrites the Models table of emulator/README.md. */
const target = new URL("../README.md", import.meta.url);
const text = readFileSync(target, "utf8");
const start = text.indexOf(README_START);
const end = text.indexOf(README_END);
if (start === -1 || end === -1) throw new Error(`${target.pathname} has no models markers`);
writeFileSync(
  target,
  `${text.slice(0, start + README_START.length)}\n${modelsMarkdown()}\n${text.slice(end)}`,
);
console.log(`wrote ${target.pathname}`);
