import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";
import { jsonSchemaProblems } from "../support/json-schema-rules.ts";
import { loadSchemaCorpus } from "../support/schema-corpus.ts";
import { schemaFacts } from "../support/schema-facts.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend({ keys: ["test-key-1"] });
});
afterAll(() => backend.close());
afterEach(() => backend.emulator.reset());

/**
 * Facts but `required` ones: a required `$ref` loop may lose required names (Gemini refuses it;
 * test/unit/schema/corpus.test.ts checks that names are only ever dropped, never added).
 */
const withoutRequired = (facts: string[]) => facts.filter((fact) => !fact.includes(" required "));

interface RecordedBody {
  tools?: { functionDeclarations?: Record<string, unknown>[] }[];
  generationConfig?: Record<string, unknown>;
}

function lastBody(): RecordedBody {
  const requests = backend.emulator.requests();
  return requests[requests.length - 1]?.body as RecordedBody;
}

describe.each(loadSchemaCorpus())("$id", ({ name, description, schema }) => {
  it("is accepted as a chat tool and reaches Gemini with its meaning", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: `call ${name}` }],
      tools: [
        {
          type: "function",
          function: { name, ...(description && { description }), parameters: schema },
        },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    const [declaration] = lastBody().tools?.[0]?.functionDeclarations ?? [];
    expect(declaration?.name).toBe(name);
    expect(declaration?.parameters).toBeUndefined();
    const sent = declaration?.parametersJsonSchema;
    if (sent === undefined) {
      // A function that takes nothing: its schema names no properties.
      expect(schemaFacts(schema).filter((fact) => fact.includes(" properties "))).toEqual([]);
      return;
    }
    expect(jsonSchemaProblems(sent)).toEqual([]);
    expect(withoutRequired(schemaFacts(sent))).toEqual(withoutRequired(schemaFacts(schema)));
  });

  it("is accepted as response_format and reaches Gemini with its meaning", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "answer in JSON" }],
      response_format: { type: "json_schema", json_schema: { name: "answer", schema } },
    });
    expect(() => JSON.parse(completion.choices[0]?.message.content ?? "")).not.toThrow();
    const config = lastBody().generationConfig ?? {};
    expect(config.responseMimeType).toBe("application/json");
    expect(config.responseSchema).toBeUndefined();
    expect(jsonSchemaProblems(config.responseJsonSchema)).toEqual([]);
    expect(withoutRequired(schemaFacts(config.responseJsonSchema))).toEqual(
      withoutRequired(schemaFacts(schema)),
    );
  });
});

/** JSON text of a schema nested `levels` deep (written as text: JSON.stringify would overflow). */
function nestedJson(levels: number): string {
  return `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${"}}".repeat(levels)}`;
}

/** ~2 KB: 30 definitions, each naming the next twice (2^30 nodes once inlined). */
function chainedRefs(): Record<string, unknown> {
  const $defs: Record<string, unknown> = { d30: { type: "string" } };
  for (let index = 0; index < 30; index += 1) {
    const next = { $ref: `#/$defs/d${index + 1}` };
    $defs[`d${index}`] = { type: "object", properties: { a: next, b: next } };
  }
  return { type: "object", properties: { root: { $ref: "#/$defs/d0" } }, $defs };
}

const tool = (parameters: Record<string, unknown>) => ({
  type: "function" as const,
  function: { name: "probe", parameters },
});

/** Posts a chat body (JSON text) with the client's bearer; answers the 400's error object. */
async function refusal(bodyJson: string) {
  const response = await fetch(`${backend.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body: `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],${bodyJson}}`,
  });
  expect(response.status).toBe(400);
  expect(backend.emulator.requests()).toEqual([]);
  const { error } = (await response.json()) as {
    error: { type: string; param: string; message: string };
  };
  expect(error.type).toBe("invalid_request_error");
  return error;
}

const toolJson = (parameters: string) =>
  `{"type":"function","function":{"name":"probe","parameters":${parameters}}}`;
const formatJson = (schema: string) =>
  `"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${schema}}}`;

describe("schemas over the limits, or broken, are a 400 naming the field, with no upstream call", () => {
  it("a 10,000-deep tool schema", async () => {
    const empty = toolJson('{"type":"object"}');
    const error = await refusal(
      `"tools":[${empty},${empty},${empty},${toolJson(nestedJson(10_000))}]`,
    );
    expect(error.param).toBe("tools[3].function.parameters");
    expect(error.message).toContain("nested deeper than");
  });

  it("a 10,000-deep response_format schema", async () => {
    const error = await refusal(formatJson(nestedJson(10_000)));
    expect(error.param).toBe("response_format.json_schema.schema");
  });

  it("a malformed $ref such as '#/%'", async () => {
    const error = await refusal(
      `"tools":[${toolJson('{"type":"object","properties":{"a":{"$ref":"#/%"}}}')}]`,
    );
    expect(error.param).toBe("tools[0].function.parameters");
    expect(error.message).toContain("'#/%'");
  });

  it("a $ref that names nothing, in response_format", async () => {
    const error = await refusal(
      formatJson('{"type":"object","properties":{"a":{"$ref":"#/$defs/Missing"}}}'),
    );
    expect(error.param).toBe("response_format.json_schema.schema");
  });
});

describe("a 2 KB schema of chained $refs", () => {
  it("reaches Gemini as references, not as a 169 MB expansion", async () => {
    const schema = chainedRefs();
    await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "hi" }],
      tools: [tool(schema)],
    });
    const [request] = backend.emulator.requests();
    expect(JSON.stringify(request?.body).length).toBeLessThan(4 * JSON.stringify(schema).length);
  });
});
