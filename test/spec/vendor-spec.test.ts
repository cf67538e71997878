import { createParser } from "eventsource-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";
import { describeErrors, type VendorType, vendorValidators } from "../support/vendor-schemas.ts";

/**
 * Every answer of the OpenAI routes and every stream event, Anthropic's Messages answers and
 * every stream event, and Anthropic's model answers, validated against the vendors' published types (generated into JSON Schemas from the installed
 * SDKs). Where the spec is stricter than the vendor's own API behaves, the API wins and the
 * exception is written down here, in one place: SPEC_EXCEPTIONS.
 */
const SPEC_EXCEPTIONS = {
  /**
   * With `encoding_format: "base64"` OpenAI's API sends each embedding as a base64 string (what the
   * openai SDK decodes); its spec types `embedding` as a number array. The string is checked to be
   * base64 of float32s, then the rest of the answer is checked as the spec says.
   */
  base64Embeddings: (answer: { data: { embedding: unknown }[] }) => {
    for (const item of answer.data) {
      expect(typeof item.embedding).toBe("string");
      expect(atob(item.embedding as string).length % 4).toBe(0);
      item.embedding = [];
    }
    return answer;
  },
  /**
   * Anthropic's API leaves `citations` out of a text block that has none (its recorded answers;
   * its streaming docs start text blocks as `{"type":"text","text":""}`), and @ai-sdk/anthropic
   * refuses `citations: null` in a whole answer; @anthropic-ai/sdk types the field as required
   * (`TextCitation[] | null`). The gateway follows the API: a missing `citations` is read as null.
   */
  textCitationsLeftOut: <T>(value: T): T => {
    const blocks = [
      ...((value as { content?: unknown[] }).content ?? []),
      ...((value as { message?: { content?: unknown[] } }).message?.content ?? []),
      (value as { content_block?: unknown }).content_block,
    ];
    for (const block of blocks as ({ type?: string; citations?: unknown } | undefined)[]) {
      if (block?.type === "text" && !("citations" in block)) block.citations = null;
    }
    return value;
  },
  /** OpenAI's Responses API sends `usage: null` in response.created / in_progress; its spec types usage as an object. */
  responsesUsageNull: (event: Record<string, unknown>) => {
    const response = event.response as Record<string, unknown> | undefined;
    if (response && response.usage === null) delete response.usage;
    return event;
  },
};

let topology: Topology;
let validators: Record<string, import("ajv").ValidateFunction>;

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([1]) });
  validators = vendorValidators([
    "ChatCompletion",
    "ChatCompletionChunk",
    "CreateEmbeddingResponse",
    "Model",
    "Response",
    "ResponseStreamEvent",
    "Message",
    "RawMessageStreamEvent",
    "ModelInfo",
    "AnthropicErrorResponse",
  ]);
}, 120_000);
afterAll(() => topology?.close());

function expectValid(type: VendorType, value: unknown) {
  const validate = validators[type];
  if (!validate) throw new Error(`no validator for ${type}`);
  const valid = validate(value);
  expect(
    valid,
    `${type}: ${describeErrors(validate)}\n${JSON.stringify(value).slice(0, 400)}`,
  ).toBe(true);
}

const openai = { authorization: `Bearer ${PASS}`, "content-type": "application/json" };
const anthropic = {
  "x-api-key": PASS,
  "anthropic-version": "2023-06-01",
  "content-type": "application/json",
};

async function post(path: string, headers: Record<string, string>, body: unknown) {
  const response = await fetch(`${topology.url}${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response;
}

async function events(response: Response): Promise<string[]> {
  const data: string[] = [];
  const parser = createParser({ onEvent: (event) => data.push(event.data) });
  parser.feed(await response.text());
  return data.filter((item) => item !== "[DONE]");
}

const chatBodies = [
  { messages: [{ role: "user", content: "hello spec" }] },
  {
    messages: [{ role: "user", content: "call lookup" }],
    tools: [
      {
        type: "function",
        function: {
          name: "lookup",
          parameters: { type: "object", properties: { q: { type: "string" } } },
        },
      },
    ],
  },
  { messages: [{ role: "user", content: "words" }], logprobs: true, top_logprobs: 2, n: 2 },
  { model: "gemini-2.5-flash:search", messages: [{ role: "user", content: "grounded" }] },
];

describe("OpenAI chat completions against OpenAI's spec", () => {
  it.each(chatBodies.map((body, index) => [index, body]))(
    "answer %i, whole and streamed",
    async (_index, body) => {
      const request = { model: "gemini-2.5-flash", ...body };
      expectValid(
        "ChatCompletion",
        await (await post("/v1/chat/completions", openai, request)).json(),
      );
      const stream = await post("/v1/chat/completions", openai, {
        ...request,
        stream: true,
        stream_options: { include_usage: true },
      });
      for (const data of await events(stream)) expectValid("ChatCompletionChunk", JSON.parse(data));
    },
  );
});

describe("OpenAI embeddings and models against OpenAI's spec", () => {
  it("embeddings, float and base64", async () => {
    for (const encoding_format of ["float", "base64"]) {
      const answer = await post("/v1/embeddings", openai, {
        model: "gemini-embedding-001",
        input: ["a", "b"],
        encoding_format,
      });
      const json = (await answer.json()) as { data: { embedding: unknown }[] };
      expectValid(
        "CreateEmbeddingResponse",
        encoding_format === "base64" ? SPEC_EXCEPTIONS.base64Embeddings(json) : json,
      );
    }
  });

  it("models, listed and retrieved", async () => {
    const list = (await (await fetch(`${topology.url}/v1/models`, { headers: openai })).json()) as {
      object: string;
      data: unknown[];
    };
    expect(list.object).toBe("list");
    for (const model of list.data) expectValid("Model", model);
    const one = await fetch(`${topology.url}/v1/models/gemini-2.5-flash`, { headers: openai });
    expectValid("Model", await one.json());
  });
});

const responsesBodies = [
  { input: "hello spec" },
  {
    input: "call lookup",
    tools: [{ type: "function", name: "lookup", parameters: { type: "object", properties: {} } }],
  },
  { input: "think", reasoning: { effort: "high", summary: "auto" } },
  { input: "words", include: ["message.output_text.logprobs"], top_logprobs: 2 },
];

describe("OpenAI Responses against OpenAI's spec", () => {
  it.each(responsesBodies.map((body, index) => [index, body]))(
    "answer %i, whole and streamed",
    async (_index, body) => {
      const request = { model: "gemini-2.5-flash", ...body };
      expectValid("Response", await (await post("/v1/responses", openai, request)).json());
      const stream = await post("/v1/responses", openai, { ...request, stream: true });
      for (const data of await events(stream)) {
        expectValid("ResponseStreamEvent", SPEC_EXCEPTIONS.responsesUsageNull(JSON.parse(data)));
      }
    },
  );
});

const messagesBodies: {
  messages: unknown[];
  tools?: { type?: string; name: string; [field: string]: unknown }[];
  [field: string]: unknown;
}[] = [
  { messages: [{ role: "user", content: "hello spec" }] },
  {
    messages: [{ role: "user", content: "call lookup" }],
    tools: [
      { name: "lookup", input_schema: { type: "object", properties: { q: { type: "string" } } } },
    ],
  },
  {
    messages: [{ role: "user", content: "think" }],
    thinking: { type: "enabled", budget_tokens: 1024 },
  },
  {
    messages: [{ role: "user", content: "grounded answer" }],
    tools: [{ type: "web_search_20250305", name: "web_search" }],
  },
  {
    messages: [{ role: "user", content: "count letters" }],
    tools: [{ type: "code_execution_20250825", name: "code_execution" }],
  },
  {
    messages: [{ role: "user", content: "fail emulate:code-fails" }],
    tools: [{ type: "code_execution_20250522", name: "code_execution" }],
  },
  { messages: [{ role: "user", content: "emulate:finish=SAFETY" }] },
];

describe("Anthropic Messages against Anthropic's types", () => {
  it.each(messagesBodies.map((body, index) => [index, body]))(
    "answer %i, whole and streamed",
    async (_index, body) => {
      const request = { model: "gemini-2.5-flash", max_tokens: 2048, ...body };
      const message = (await (await post("/v1/messages", anthropic, request)).json()) as {
        content: { type: string }[];
      };
      expectValid("Message", SPEC_EXCEPTIONS.textCitationsLeftOut(structuredClone(message)));
      // The server tool answers carry their blocks, so those blocks' types are checked too.
      const blockTypes = message.content.map((block) => block.type);
      if (body.tools?.[0]?.type?.startsWith("web_search")) {
        expect(blockTypes).toEqual(["server_tool_use", "web_search_tool_result", "text"]);
      }
      if (body.tools?.[0]?.type?.startsWith("code_execution")) {
        expect(blockTypes).toEqual(["server_tool_use", "code_execution_tool_result", "text"]);
      }
      const stream = await post("/v1/messages", anthropic, { ...request, stream: true });
      const types = new Set<string>();
      for (const data of await events(stream)) {
        const event = JSON.parse(data) as { type: string };
        types.add(event.type);
        // Anthropic's keep-alive is no RawMessageStreamEvent; its SDKs read past it.
        if (event.type !== "ping") {
          expectValid("RawMessageStreamEvent", SPEC_EXCEPTIONS.textCitationsLeftOut(event));
        }
      }
      expect(types).toContain("message_stop");
    },
  );
});

describe("Anthropic Models API against Anthropic's types", () => {
  it("models, listed and retrieved", async () => {
    const page = (await (
      await fetch(`${topology.url}/v1/models`, { headers: anthropic })
    ).json()) as {
      data: unknown[];
    };
    for (const model of page.data) expectValid("ModelInfo", model);
  });
});

describe("Anthropic errors against Anthropic's types", () => {
  it.each([
    ["a request missing max_tokens", "/v1/messages", anthropic, 400],
    ["a wrong key", "/v1/messages", { ...anthropic, "x-api-key": "not-the-pass" }, 401],
    ["an unknown model", "/v1/models/gemini-nonexistent-9", anthropic, 404],
  ] as const)("%s", async (_name, path, headers, status) => {
    const response = await fetch(`${topology.url}${path}`, {
      method: path === "/v1/messages" ? "POST" : "GET",
      headers,
      ...(path === "/v1/messages" && {
        body: JSON.stringify({ model: "claude-sonnet-4-5", messages: [] }),
      }),
    });
    expect(response.status).toBe(status);
    expectValid("AnthropicErrorResponse", await response.json());
  });
});
