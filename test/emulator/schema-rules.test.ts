import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { generate, KEY, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const withParameters = (parameters: unknown) => ({
  ...userText("hi"),
  tools: [{ functionDeclarations: [{ name: "f", description: "d", parameters }] }],
});
const AT = "* GenerateContentRequest.tools[0].function_declarations[0].parameters";

async function refusal(body: unknown, model = "gemini-2.5-flash") {
  const answer = await generate(emulator, model, body);
  expect(answer.status).toBe(400);
  expect(answer.json.error.status).toBe("INVALID_ARGUMENT");
  return answer.json.error.message as string;
}

describe("Gemini's Schema rules (real error texts)", () => {
  it("wants a type on every schema that does not use anyOf", async () => {
    const message = await refusal(
      withParameters({ type: "OBJECT", properties: { a: { description: "no type" }, b: {} } }),
    );
    expect(message).toBe(
      `${AT}.properties[a].type: must be specified when not using one_of, any_of or all_of fields\n` +
        `${AT}.properties[b].type: must be specified when not using one_of, any_of or all_of fields\n`,
    );
    const anyOf = await generate(
      emulator,
      "gemini-2.5-flash",
      withParameters({
        type: "OBJECT",
        properties: { a: { anyOf: [{ type: "STRING" }, { type: "NULL" }] } },
      }),
    );
    expect(anyOf.status).toBe(200);
  });

  it("allows properties only on OBJECT", async () => {
    const message = await refusal(
      withParameters({
        type: "OBJECT",
        properties: { data: { type: "STRING", properties: { x: { type: "STRING" } } } },
      }),
    );
    expect(message).toBe(`${AT}.properties[data].properties: only allowed for OBJECT type\n`);
  });

  it("wants items on every ARRAY", async () => {
    const message = await refusal(
      withParameters({ type: "OBJECT", properties: { blocks: { type: "ARRAY" } } }),
    );
    expect(message).toBe(`${AT}.properties[blocks].items: missing field.\n`);
  });

  it("allows enum only on STRING, and only string values in it", async () => {
    const message = await refusal(
      withParameters({
        type: "OBJECT",
        properties: { level: { type: "INTEGER", enum: ["1", "2"] } },
      }),
    );
    expect(message).toBe(`${AT}.properties[level].enum: only allowed for STRING type\n`);
    const numbers = await refusal(
      withParameters({ type: "OBJECT", properties: { level: { type: "STRING", enum: [60] } } }),
    );
    expect(numbers).toBe(
      "Invalid value at 'tools[0].function_declarations[0].parameters.properties[0].value.enum[0]' (TYPE_STRING), 60",
    );
  });

  it("takes only the documented formats per type", async () => {
    const message = await refusal(
      withParameters({
        type: "OBJECT",
        properties: {
          url: { type: "STRING", format: "uri" },
          when: { type: "STRING", format: "date-time" },
          count: { type: "INTEGER", format: "uint8" },
          ratio: { type: "NUMBER", format: "double" },
        },
      }),
    );
    expect(message).toBe(
      `${AT}.properties[url].format: only 'enum' and 'date-time' are supported for STRING type\n` +
        `${AT}.properties[count].format: only 'int32' and 'int64' are supported for INTEGER type\n`,
    );
  });

  it("applies the same rules to generationConfig.responseSchema", async () => {
    const message = await refusal({
      ...userText("hi"),
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: { type: "ARRAY" },
      },
    });
    expect(message).toBe(
      "* GenerateContentRequest.generation_config.response_schema.items: missing field.\n",
    );
  });

  it("refuses JSON Schema keywords in Schema as unknown names, and takes them in parametersJsonSchema", async () => {
    const message = await refusal(
      withParameters({ type: "OBJECT", additionalProperties: false, properties: {} }),
    );
    expect(message).toBe(
      `Invalid JSON payload received. Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters': Cannot find field.`,
    );
    const jsonSchema = {
      type: "object",
      properties: {
        tags: { type: "object", additionalProperties: { type: "string" } },
        pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] },
        level: { type: "integer", enum: [1, 2, 3] },
        node: { $ref: "#/$defs/node" },
      },
      required: ["level"],
      $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } } } },
    };
    const accepted = await generate(emulator, "gemini-2.5-flash", {
      ...userText("call f"),
      tools: [{ functionDeclarations: [{ name: "f", parametersJsonSchema: jsonSchema }] }],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.candidates[0].content.parts[0].functionCall).toEqual({
      name: "f",
      args: { level: 1 },
    });
  });

  it("refuses parameters together with parametersJsonSchema, and responseSchema with responseJsonSchema", async () => {
    const both = await refusal({
      ...userText("hi"),
      tools: [
        {
          functionDeclarations: [
            { name: "f", parameters: { type: "OBJECT" }, parametersJsonSchema: { type: "object" } },
          ],
        },
      ],
    });
    expect(both).toContain("function_declarations[0].parameters");
    const schemas = await refusal({
      ...userText("hi"),
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: { type: "STRING" },
        responseJsonSchema: { type: "string" },
      },
    });
    expect(schemas).toContain("generation_config.response_schema");
  });
});
