import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REQUEST_FIELD_GAPS } from "./request-field-gaps.ts";

/**
 * The drift alarm for request fields (issue 20, item 7): every field the installed @google/genai
 * sends to the Gemini API — read from its own converter, `generateContentConfigToMldev`, the way
 * a GenerateContentConfig becomes a request body — and every field of the installed protos'
 * GenerateContentRequest, GenerationConfig and ThinkingConfig (plus the SDK's ThinkingConfig) is
 * known to the emulator's definitions and to the gateway's request types, or is named in
 * request-field-gaps.ts with the reason. After an upgrade, what Google added is listed here.
 */
const require = createRequire(import.meta.url);
const GENAI = new URL("../../../node_modules/@google/genai/dist/", import.meta.url);
const MESSAGES = ["GenerateContentRequest", "GenerationConfig", "ThinkingConfig"] as const;
type Message = (typeof MESSAGES)[number];

/** Fields by `Message.jsonName` the SDK's Developer-API converter sends, and the ones it refuses. */
function sdkSentFields(): { sent: Set<string>; refused: Set<string> } {
  const source = readFileSync(new URL("index.mjs", GENAI), "utf8");
  const start = source.indexOf("\nfunction generateContentConfigToMldev(");
  if (start === -1)
    throw new Error("generateContentConfigToMldev is not in @google/genai any more");
  const end = source.indexOf("\nfunction ", start + 1);
  const body = source.slice(start, end);
  const sent = new Set<string>();
  const refused = new Set<string>();
  for (const segment of body.split(/getValueByPath\(fromObject, \[/).slice(1)) {
    const member = /^\s*'(\w+)'/.exec(segment)?.[1];
    if (!member) continue;
    const target = /setValueByPath\((toObject|parentObject), \[\s*'(\w+)'/.exec(segment);
    const throws = segment.indexOf("throw new Error(");
    if (throws !== -1 && (!target || throws < target.index)) {
      refused.add(member);
      continue;
    }
    if (!target) throw new Error(`cannot tell where the SDK sends ${member}`);
    const message = target[1] === "toObject" ? "GenerationConfig" : "GenerateContentRequest";
    sent.add(`${message}.${target[2]}`);
  }
  // generateContentParametersToMldev sends contents at the top and the config as generationConfig.
  sent.add("GenerateContentRequest.contents");
  sent.add("GenerateContentRequest.generationConfig");
  return { sent, refused };
}

/** The SDK's ThinkingConfig members (genai.d.ts), sent as they are inside generationConfig. */
function sdkThinkingFields(): string[] {
  const file = new URL("genai.d.ts", GENAI).pathname;
  return interfaceMembers(file, "ThinkingConfig").map((name) => `ThinkingConfig.${name}`);
}

/** The protos' fields, by JSON name (json_name where it is set). */
function protoFields(): string[] {
  const protos = require("@google-ai/generativelanguage/build/protos/protos.json") as {
    nested: Record<string, { nested: Record<string, unknown> }>;
  };
  const google = protos.nested.google;
  if (!google) throw new Error("the installed protos have no google package");
  const v1beta = (google.nested.ai as { nested: Record<string, unknown> }).nested
    .generativelanguage as { nested: Record<string, unknown> };
  const messages = (v1beta.nested.v1beta as { nested: Record<string, unknown> }).nested;
  return MESSAGES.flatMap((message) => {
    const fields = (messages[message] as { fields: Record<string, { options?: object }> }).fields;
    return Object.entries(fields).map(([name, field]) => {
      const json = (field.options as { json_name?: string } | undefined)?.json_name;
      return `${message}.${json ?? name}`;
    });
  });
}

/** What the emulator's definitions know (JSON names). */
function emulatorFields(): Set<string> {
  const definitions = JSON.parse(
    readFileSync(new URL("../../../emulator/definitions/v1beta.json", import.meta.url), "utf8"),
  ) as { messages: Record<string, { fields: Record<string, { json: string }> }> };
  return new Set(
    MESSAGES.flatMap((message) =>
      Object.values(definitions.messages[message]?.fields ?? {}).map(
        (field) => `${message}.${field.json}`,
      ),
    ),
  );
}

const GATEWAY_TYPES: Record<Message, string> = {
  GenerateContentRequest: "GeminiGenerateContentRequest",
  GenerationConfig: "GeminiGenerationConfig",
  ThinkingConfig: "GeminiThinkingConfig",
};

/** What the gateway's request types (src/gemini/types.ts) declare. */
function gatewayFields(): Set<string> {
  const file = new URL("../../../src/gemini/types.ts", import.meta.url).pathname;
  return new Set(
    MESSAGES.flatMap((message) =>
      interfaceMembers(file, GATEWAY_TYPES[message]).map((name) => `${message}.${name}`),
    ),
  );
}

function interfaceMembers(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const found = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  if (!found) throw new Error(`${name} is not declared in ${file}`);
  return found.members.flatMap((member) =>
    ts.isPropertySignature(member) && ts.isIdentifier(member.name) ? [member.name.text] : [],
  );
}

const { sent, refused } = sdkSentFields();
const google = [...new Set([...sent, ...sdkThinkingFields(), ...protoFields()])].sort();
const emulator = emulatorFields();
const gateway = gatewayFields();

describe("request fields Google's SDK sends or the protos define", () => {
  it("reads the SDK's converter (it still sends what it sent when this test was written)", () => {
    for (const field of [
      "GenerationConfig.thinkingConfig",
      "GenerationConfig.mediaResolution",
      "GenerateContentRequest.serviceTier",
      "GenerateContentRequest.continuationToken",
      "GenerateContentRequest.systemInstruction",
    ]) {
      expect(sent, field).toContain(field);
    }
    // Vertex-only members the converter throws for are not the Gemini API's.
    expect(refused).toContain("routingConfig");
  });

  it("are known to the emulator's definitions, or named as a gap", () => {
    const unknown = google.filter(
      (field) => !emulator.has(field) && !REQUEST_FIELD_GAPS[field]?.emulator,
    );
    expect(unknown).toEqual([]);
  });

  it("are known to the gateway's request types, or named as a gap", () => {
    const unknown = google.filter(
      (field) => !gateway.has(field) && !REQUEST_FIELD_GAPS[field]?.gateway,
    );
    expect(unknown).toEqual([]);
  });

  it("names only real gaps: each entry is a field Google has and that is still unknown", () => {
    const stale = Object.entries(REQUEST_FIELD_GAPS).flatMap(([field, gap]) => {
      const problems: string[] = [];
      if (!google.includes(field)) problems.push(`${field}: Google no longer has it`);
      if (gap.emulator && emulator.has(field)) problems.push(`${field}: the emulator knows it`);
      if (gap.gateway && gateway.has(field)) problems.push(`${field}: the gateway knows it`);
      return problems;
    });
    expect(stale).toEqual([]);
  });
});
