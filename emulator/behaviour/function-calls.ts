import { createHash } from "node:crypto";
import type { FunctionDeclaration, GenerateContentRequest } from "../validate/request-shapes.ts";
import { isToolResult } from "./answer-text.ts";
import { schemaInstance } from "./schema-instance.ts";

export interface PlannedCall {
  name: string;
  args: unknown;
}

/**
 * Which functions the model "decides" to call: with mode ANY the first allowed (or named, or
 * declared) one; otherwise those named by `call <name>` / `call <a> and <b>` in the user's text.
 * Never for mode NONE, nor right after a tool result.
 */
export function planFunctionCalls(request: GenerateContentRequest, prompt: string): PlannedCall[] {
  const declarations = (request.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []);
  if (declarations.length === 0) return [];
  const calling = request.toolConfig?.functionCallingConfig;
  const mode = calling?.mode ?? "AUTO";
  if (mode === "NONE" || isToolResult(request.contents?.at(-1))) return [];
  const byName = new Map(declarations.map((declaration) => [declaration.name ?? "", declaration]));
  const named = namedInPrompt(prompt).filter((name) => byName.has(name));
  const forced = mode === "ANY" || mode === "VALIDATED";
  let chosen: FunctionDeclaration[];
  if (forced && calling?.allowedFunctionNames?.length) {
    const allowed = calling.allowedFunctionNames.filter((name) => byName.has(name));
    const namedAllowed = named.filter((name) => allowed.includes(name));
    chosen = (namedAllowed.length > 0 ? namedAllowed : allowed.slice(0, 1)).map(
      (name) => byName.get(name) as FunctionDeclaration,
    );
  } else if (named.length > 0) {
    chosen = named.map((name) => byName.get(name) as FunctionDeclaration);
  } else {
    chosen = forced ? declarations.slice(0, 1) : [];
  }
  return chosen.map((declaration) => ({
    name: declaration.name ?? "",
    args: schemaInstance(declaration.parameters ?? declaration.parametersJsonSchema ?? {}) ?? {},
  }));
}

function namedInPrompt(prompt: string): string[] {
  const match = /\bcall\s+([A-Za-z_][\w.:-]*)(?:\s+and\s+([A-Za-z_][\w.:-]*))?/.exec(prompt);
  if (!match) return [];
  return [match[1], match[2]].filter((name): name is string => name !== undefined);
}

/** The deterministic signature the emulator puts on Gemini 3's function calls. */
export function thoughtSignatureFor(model: string, name: string): string {
  return createHash("sha256").update(`emulator:${model}:${name}`).digest("base64");
}
