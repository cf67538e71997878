import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, generate, KEY, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const FLASH = "gemini-2.5-flash";

describe("proto JSON parsing", () => {
  it("rejects an unknown field with 400 naming its path, in ESF's shape", async () => {
    const answer = await generate(emulator, FLASH, {
      ...userText("hi"),
      generationConfig: { foo: 1 },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 400,
      status: "INVALID_ARGUMENT",
      message: `Invalid JSON payload received. Unknown name "foo" at 'generation_config': Cannot find field.`,
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: "generation_config" }],
        },
      ],
    });
  });

  it("names a top-level unknown field without a path and lists every violation", async () => {
    const answer = await generate(emulator, FLASH, { ...userText("hi"), temperature: 1, top_k: 3 });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      `Invalid JSON payload received. Unknown name "temperature": Cannot find field.\nInvalid JSON payload received. Unknown name "top_k": Cannot find field.`,
    );
  });

  it("accepts snake_case names as well as camelCase", async () => {
    const answer = await generate(emulator, FLASH, {
      contents: [{ role: "user", parts: [{ text: "hi" }] }],
      system_instruction: { parts: [{ text: "be brief" }] },
      generation_config: { max_output_tokens: 100, thinking_config: { thinking_budget: 0 } },
      safety_settings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_NONE" }],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.candidates[0].content.parts[0].text).toBe("Echo: hi");
  });

  it("accepts a single object where a list is expected, as ESF does", async () => {
    const answer = await generate(emulator, FLASH, { contents: { parts: { text: "solo" } } });
    expect(answer.status).toBe(200);
    expect(answer.json.candidates[0].content.parts[0].text).toBe("Echo: solo");
  });

  it("rejects a value of the wrong type naming the field and its proto type", async () => {
    const answer = await generate(emulator, FLASH, {
      contents: [{ role: 5, parts: [{ text: "x" }] }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe("Invalid value at 'contents[0].role' (TYPE_STRING), 5");
  });

  it("rejects function calling mode REQUIRED, which is OpenAI's word, not Gemini's", async () => {
    const answer = await generate(emulator, FLASH, {
      ...userText("hi"),
      tools: [{ functionDeclarations: [{ name: "f" }] }],
      toolConfig: { functionCallingConfig: { mode: "REQUIRED" } },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "REQUIRED"`,
    );
  });

  it("rejects JSON Schema keywords in a Schema, naming the map entry's path", async () => {
    const answer = await generate(emulator, FLASH, {
      ...userText("hi"),
      tools: [
        {
          functionDeclarations: [
            {
              name: "f",
              parameters: {
                type: "object",
                properties: {
                  a: { type: "string" },
                  b: { type: "object", additionalProperties: false },
                },
                additionalProperties: false,
              },
            },
          ],
        },
      ],
    });
    expect(answer.status).toBe(400);
    const fields = answer.json.error.details[0].fieldViolations.map(
      (item: { field: string }) => item.field,
    );
    expect(fields).toEqual([
      "tools[0].function_declarations[0].parameters.properties[1].value",
      "tools[0].function_declarations[0].parameters",
    ]);
    expect(answer.json.error.message).toContain(`Unknown name "additionalProperties"`);
  });

  it.each(["$schema", "$ref", "$defs", "const", "oneOf", "allOf", "exclusiveMinimum", "examples"])(
    "rejects the JSON Schema keyword %s in a response schema",
    async (keyword) => {
      const answer = await generate(emulator, FLASH, {
        ...userText("hi"),
        generationConfig: {
          responseMimeType: "application/json",
          responseSchema: { type: "OBJECT", [keyword]: 1 },
        },
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toContain(
        `Unknown name "${keyword}" at 'generation_config.response_schema'`,
      );
    },
  );

  it("accepts lower-case schema types and the whole Gemini Schema vocabulary", async () => {
    const answer = await generate(emulator, FLASH, {
      ...userText("hi"),
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: {
          type: "object",
          title: "t",
          description: "d",
          nullable: false,
          properties: {
            list: {
              type: "array",
              items: { type: "string", enum: ["a"] },
              minItems: "1",
              maxItems: 3,
            },
            n: { type: "number", minimum: 0, maximum: 9, format: "double", default: 1, example: 2 },
            either: {
              anyOf: [
                { type: "string", pattern: "^x", minLength: 1, maxLength: 4 },
                { type: "null" },
              ],
            },
          },
          required: ["list"],
          propertyOrdering: ["list", "n"],
          minProperties: 1,
          maxProperties: 3,
        },
      },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.json.candidates[0].content.parts[0].text)).toEqual({ list: ["a"] });
  });

  it("answers malformed JSON with 400 Invalid JSON payload", async () => {
    const answer = await call(emulator, `/v1beta/models/${FLASH}:generateContent`, {
      rawBody: "{not json",
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toMatch(/^Invalid JSON payload received\./);
  });

  it("rejects a part with two data fields and one with none", async () => {
    const two = await generate(emulator, FLASH, {
      contents: [{ parts: [{ text: "a", inlineData: { mimeType: "image/png", data: "AAAA" } }] }],
    });
    expect(two.status).toBe(400);
    expect(two.json.error.message).toContain("oneof field 'data' is already set");
    const none = await generate(emulator, FLASH, { contents: [{ parts: [{ thought: true }] }] });
    expect(none.status).toBe(400);
    expect(none.json.error.message).toBe(
      "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n",
    );
  });

  it("rejects a function response that is not an object, and bytes that are not base64", async () => {
    const response = await generate(emulator, FLASH, {
      contents: [
        { role: "user", parts: [{ text: "call f" }] },
        { role: "model", parts: [{ functionCall: { name: "f", args: {} } }] },
        { role: "user", parts: [{ functionResponse: { name: "f", response: "sunny" } }] },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.json.error.message).toContain(
      "Invalid value at 'contents[2].parts[0].function_response.response' (type.googleapis.com/google.protobuf.Struct)",
    );
    const bytes = await generate(emulator, FLASH, {
      contents: [{ parts: [{ inlineData: { mimeType: "image/png", data: "not base64!" } }] }],
    });
    expect(bytes.json.error.message).toContain("(TYPE_BYTES), Base64 decoding failed");
  });
});
