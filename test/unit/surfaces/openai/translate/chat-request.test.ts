import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../../../common/api-error.ts";
import { toToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import { toGeminiRequest } from "../../../../../src/surfaces/openai/translate/chat-request.ts";
import type { OpenAIChatRequest } from "../../../../../src/surfaces/openai/translate/openai-types.ts";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const SIGNATURE = "CiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC/+8=";

const remoteImages: string[] = [];
const options = {
  defaultModel: "gemini-2.5-flash-lite",
  resolveImage: async (url: string) => {
    remoteImages.push(url);
    return { mimeType: "image/jpeg", data: "AAAA" };
  },
};

const translate = (request: Partial<OpenAIChatRequest>) =>
  toGeminiRequest({ messages: [{ role: "user", content: "Hi" }], ...request }, options);

async function rejection(request: Partial<OpenAIChatRequest>) {
  const error = (await translate(request).catch((caught: unknown) => caught)) as ApiError;
  return { status: error.status, param: error.param, message: error.message };
}

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    },
  },
};

describe("toGeminiRequest: messages", () => {
  it("translates a full conversation: system joined, tool calls and results, merged turns", async () => {
    const call = await translate({
      model: "gemini-2.5-flash-lite",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "developer", content: [{ type: "text", text: "Answer in English." }] },
        { role: "user", content: "Weather in Paris and Oslo?" },
        {
          role: "assistant",
          content: "Checking.",
          reasoning_content: "hidden thoughts are never sent back",
          tool_calls: [
            {
              id: "call_a",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
            {
              id: "call_b",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Oslo"}' },
            },
          ],
        } as OpenAIChatRequest["messages"][number],
        { role: "tool", tool_call_id: "call_a", content: '{"temp":21}' },
        { role: "tool", tool_call_id: "call_b", content: "cold, 2°C" },
        { role: "user", content: "Thanks" },
        { role: "user", content: "Which is warmer?" },
      ],
    });
    expect(call.model).toBe("gemini-2.5-flash-lite");
    expect(call.body.systemInstruction).toEqual({
      parts: [{ text: "You are terse.\n\nAnswer in English." }],
    });
    expect(call.body.contents).toMatchInlineSnapshot(`
      [
        {
          "parts": [
            {
              "text": "Weather in Paris and Oslo?",
            },
          ],
          "role": "user",
        },
        {
          "parts": [
            {
              "text": "Checking.",
            },
            {
              "functionCall": {
                "args": {
                  "city": "Paris",
                },
                "id": "call_a",
                "name": "get_weather",
              },
            },
            {
              "functionCall": {
                "args": {
                  "city": "Oslo",
                },
                "id": "call_b",
                "name": "get_weather",
              },
            },
          ],
          "role": "model",
        },
        {
          "parts": [
            {
              "functionResponse": {
                "id": "call_a",
                "name": "get_weather",
                "response": {
                  "temp": 21,
                },
              },
            },
            {
              "functionResponse": {
                "id": "call_b",
                "name": "get_weather",
                "response": {
                  "result": "cold, 2°C",
                },
              },
            },
            {
              "text": "Thanks",
            },
            {
              "text": "Which is warmer?",
            },
          ],
          "role": "user",
        },
      ]
    `);
  });

  it("wraps tool results that are not JSON objects in { result }", async () => {
    const call = await translate({
      messages: [
        { role: "user", content: "go" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "1", type: "function", function: { name: "a", arguments: "" } },
            { id: "2", type: "function", function: { name: "b", arguments: "{}" } },
            { id: "3", type: "function", function: { name: "c", arguments: "{}" } },
          ],
        },
        { role: "tool", tool_call_id: "1", content: "[1,2]" },
        { role: "tool", tool_call_id: "2", content: "42" },
        { role: "tool", tool_call_id: "3", content: [{ type: "text", text: "plain words" }] },
      ],
    });
    const responses = call.body.contents[2]?.parts.map((part) => part.functionResponse?.response);
    expect(responses).toEqual([{ result: [1, 2] }, { result: 42 }, { result: "plain words" }]);
    expect(call.body.contents[1]?.parts[0]?.functionCall?.args).toEqual({});
  });

  it("translates image, audio and file parts into inlineData", async () => {
    remoteImages.length = 0;
    const call = await translate({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is in these?" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } },
            { type: "input_audio", input_audio: { data: "SUQz", format: "mp3" } },
            {
              type: "file",
              file: { file_data: "data:application/pdf;base64,JVBERi0=", filename: "a.pdf" },
            },
          ],
        },
      ],
    });
    expect(remoteImages).toEqual(["https://example.com/cat.jpg"]);
    expect(call.body.contents[0]?.parts).toEqual([
      { text: "What is in these?" },
      { inlineData: { mimeType: "image/png", data: PNG } },
      { inlineData: { mimeType: "image/jpeg", data: "AAAA" } },
      { inlineData: { mimeType: "audio/wav", data: "UklGRg==" } },
      { inlineData: { mimeType: "audio/mp3", data: "SUQz" } },
      { inlineData: { mimeType: "application/pdf", data: "JVBERi0=" } },
    ]);
  });

  it("answers 400 naming the image_url field when a data URL is invalid", async () => {
    expect(
      await rejection({
        messages: [
          { role: "system", content: "s" },
          { role: "user", content: "a" },
          {
            role: "user",
            content: [
              { type: "text", text: "look" },
              { type: "image_url", image_url: { url: "data:image/png;base64,%%%notbase64" } },
            ],
          },
        ],
      }),
    ).toMatchInlineSnapshot(`
      {
        "message": "Invalid value for 'messages[2].content[1].image_url.url': the data is not valid base64.",
        "param": "messages[2].content[1].image_url.url",
        "status": 400,
      }
    `);
  });

  it("answers 400 for an image URL that is neither data: nor http(s)", async () => {
    const result = await rejection({
      messages: [
        {
          role: "user",
          content: [{ type: "image_url", image_url: { url: "file:///etc/passwd" } }],
        },
      ],
    });
    expect(result.param).toBe("messages[0].content[0].image_url.url");
  });

  it("answers 400 naming the arguments when an assistant tool call has invalid JSON", async () => {
    const result = await rejection({
      messages: [
        { role: "user", content: "x" },
        {
          role: "assistant",
          tool_calls: [{ id: "1", type: "function", function: { name: "a", arguments: "{oops" } }],
        },
      ],
    });
    expect(result.param).toBe("messages[1].tool_calls[0].function.arguments");
  });

  it("answers 400 when a tool message answers no known tool call", async () => {
    const result = await rejection({
      messages: [
        { role: "user", content: "x" },
        { role: "tool", tool_call_id: "call_missing", content: "1" },
      ],
    });
    expect(result.param).toBe("messages[1].tool_call_id");
  });

  it("answers 400 naming file_data when a file is sent by file_id", async () => {
    const result = await rejection({
      messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-123" } }] }],
    });
    expect(result.param).toBe("messages[0].content[0].file.file_data");
  });

  it("sends a Gemini file named by file_id or image_url (files/{id} or its URI) as fileData", async () => {
    const uri = "https://generativelanguage.googleapis.com/v1beta/files/abc123";
    const call = await translate({
      messages: [
        {
          role: "user",
          content: [
            { type: "file", file: { file_id: "files/abc123" } },
            { type: "image_url", image_url: { url: uri } },
          ],
        },
      ],
    });
    expect(call.body.contents[0]?.parts).toEqual([
      { fileData: { fileUri: uri } },
      { fileData: { fileUri: uri } },
    ]);
  });

  it("translates a legacy function message into a functionResponse", async () => {
    const call = await translate({
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: null, function_call: { name: "f", arguments: '{"a":1}' } },
        { role: "function", name: "f", content: '{"ok":true}' },
      ],
    });
    expect(call.body.contents.slice(1)).toEqual([
      { role: "model", parts: [{ functionCall: { name: "f", args: { a: 1 } } }] },
      { role: "user", parts: [{ functionResponse: { name: "f", response: { ok: true } } }] },
    ]);
  });

  it("sends a system-only conversation as the user turn Gemini needs (OpenAI answers it)", async () => {
    const call = await translate({
      messages: [
        { role: "system", content: "only rules" },
        { role: "developer", content: "and more" },
      ],
    });
    expect(call.body.contents).toEqual([
      { role: "user", parts: [{ text: "only rules\n\nand more" }] },
    ]);
    expect(call.body.systemInstruction).toBeUndefined();
  });

  it("answers 400 naming messages when no message has content", async () => {
    const result = await rejection({ messages: [{ role: "system", content: "" }] });
    expect(result.param).toBe("messages");
  });
});

describe("toGeminiRequest: thought signatures", () => {
  const history = (toolCall: Record<string, unknown>): Partial<OpenAIChatRequest> => ({
    model: "gemini-3-flash-preview",
    messages: [
      { role: "user", content: "weather?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [toolCall],
      } as unknown as OpenAIChatRequest["messages"][number],
      { role: "tool", tool_call_id: String(toolCall.id), content: "{}" },
    ],
  });
  const functionCallPart = async (toolCall: Record<string, unknown>) =>
    (await translate(history(toolCall))).body.contents[1]?.parts[0];
  const fn = { name: "get_weather", arguments: "{}" };

  it("restores the signature from extra_content.google.thought_signature", async () => {
    const part = await functionCallPart({
      id: "call_1",
      type: "function",
      function: fn,
      extra_content: { google: { thought_signature: SIGNATURE } },
    });
    expect(part).toEqual({
      functionCall: { id: "call_1", name: "get_weather", args: {} },
      thoughtSignature: SIGNATURE,
    });
  });

  it("restores the signature from the tool call id alone when the client dropped extra_content", async () => {
    const id = toToolCallId("call_1", SIGNATURE);
    const call = await translate(history({ id, type: "function", function: fn }));
    expect(call.body.contents[1]?.parts[0]?.thoughtSignature).toBe(SIGNATURE);
    expect(call.body.contents[1]?.parts[0]?.functionCall?.id).toBe("call_1");
    expect(call.body.contents[2]?.parts[0]?.functionResponse?.id).toBe("call_1");
  });

  it("uses Google's dummy signature on gemini-3 when none can be recovered", async () => {
    const part = await functionCallPart({ id: "call_plain", type: "function", function: fn });
    expect(part?.thoughtSignature).toBe("skip_thought_signature_validator");
  });

  it("adds no dummy signature for gemini-2.5 models", async () => {
    const call = await translate({
      ...history({ id: "call_plain", type: "function", function: fn }),
      model: "gemini-2.5-flash-lite",
    });
    expect(call.body.contents[1]?.parts[0]).not.toHaveProperty("thoughtSignature");
  });
});

describe("toGeminiRequest: tools and tool_choice", () => {
  it("declares function tools with cleaned parameter schemas", async () => {
    const call = await translate({
      tools: [
        weatherTool,
        {
          type: "function",
          function: { name: "now", parameters: { type: "object", properties: {} } },
        },
      ],
      parallel_tool_calls: false,
    });
    expect(call.body.tools).toMatchInlineSnapshot(`
      [
        {
          "functionDeclarations": [
            {
              "description": "Weather for a city",
              "name": "get_weather",
              "parametersJsonSchema": {
                "additionalProperties": false,
                "properties": {
                  "city": {
                    "type": "string",
                  },
                },
                "required": [
                  "city",
                ],
                "type": "object",
              },
            },
            {
              "name": "now",
            },
          ],
        },
      ]
    `);
    expect(call.body.toolConfig).toBeUndefined();
  });

  it.each([
    ["auto", { mode: "AUTO" }],
    ["none", { mode: "NONE" }],
    ["required", { mode: "ANY" }],
    [
      { type: "function", function: { name: "get_weather" } },
      { mode: "ANY", allowedFunctionNames: ["get_weather"] },
    ],
  ] as const)("maps tool_choice %j to %j", async (toolChoice, expected) => {
    const call = await translate({ tools: [weatherTool], tool_choice: toolChoice });
    expect(call.body.toolConfig).toEqual({ functionCallingConfig: expected });
  });

  it("limits declarations to allowed_tools, ANY when required", async () => {
    const call = await translate({
      tools: [weatherTool, { type: "function", function: { name: "other" } }],
      tool_choice: {
        type: "allowed_tools",
        allowed_tools: {
          mode: "required",
          tools: [{ type: "function", function: { name: "other" } }],
        },
      },
    });
    expect(call.body.tools).toEqual([{ functionDeclarations: [{ name: "other" }] }]);
    expect(call.body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY" } });
  });

  it("adds googleSearch for web_search_options", async () => {
    const call = await translate({ web_search_options: {} });
    expect(call.body.tools).toEqual([{ googleSearch: {} }]);
  });

  it("answers 400 when tool_choice names a function that is not declared", async () => {
    const result = await rejection({
      tools: [weatherTool],
      tool_choice: { type: "function", function: { name: "other" } },
    });
    expect(result.param).toBe("tool_choice.function.name");
  });

  it("adds googleSearch for a :search Gemini 3 model, next to function tools", async () => {
    const call = await translate({ model: "gemini-3-flash-preview:search", tools: [weatherTool] });
    expect(call.model).toBe("gemini-3-flash-preview");
    expect(call.body.tools?.map((tool) => Object.keys(tool)[0])).toEqual([
      "functionDeclarations",
      "googleSearch",
    ]);
    expect(call.body.toolConfig).toEqual({ includeServerSideToolInvocations: true });
  });
});

describe("toGeminiRequest: generation settings", () => {
  it("maps sampling, limits, stop, n, seed and penalties; ignores harmless OpenAI-only fields", async () => {
    const call = await translate({
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: "END",
      n: 2,
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      user: "someone",
      metadata: { a: "b" },
      store: true,
      logit_bias: { "1": 2 },
      parallel_tool_calls: true,
    });
    expect(call.body.generationConfig).toEqual({
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 200,
      stopSequences: ["END"],
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
    expect(Object.keys(call.body).sort()).toEqual([
      "contents",
      "generationConfig",
      "safetySettings",
    ]);
  });

  it("sends the four always-accepted safety categories unblocked by default", async () => {
    const call = await translate({});
    expect(call.body.safetySettings).toMatchInlineSnapshot(`
      [
        {
          "category": "HARM_CATEGORY_HARASSMENT",
          "threshold": "BLOCK_NONE",
        },
        {
          "category": "HARM_CATEGORY_HATE_SPEECH",
          "threshold": "BLOCK_NONE",
        },
        {
          "category": "HARM_CATEGORY_SEXUALLY_EXPLICIT",
          "threshold": "BLOCK_NONE",
        },
        {
          "category": "HARM_CATEGORY_DANGEROUS_CONTENT",
          "threshold": "BLOCK_NONE",
        },
      ]
    `);
  });

  it("maps response_format json_object and json_schema", async () => {
    const json = await translate({ response_format: { type: "json_object" } });
    expect(json.body.generationConfig).toEqual({ responseMimeType: "application/json" });
    const text = await translate({ response_format: { type: "text" } });
    expect(text.body.generationConfig).toBeUndefined();
    const schema = await translate({
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "person",
          strict: true,
          schema: {
            type: "object",
            properties: { name: { type: "string" }, age: { type: ["integer", "null"] } },
            required: ["name", "age"],
            additionalProperties: false,
          },
        },
      },
    });
    expect(schema.body.generationConfig).toMatchInlineSnapshot(`
      {
        "responseJsonSchema": {
          "additionalProperties": false,
          "properties": {
            "age": {
              "type": [
                "integer",
                "null",
              ],
            },
            "name": {
              "type": "string",
            },
          },
          "required": [
            "name",
            "age",
          ],
          "type": "object",
        },
        "responseMimeType": "application/json",
      }
    `);
  });

  it("uses thinking suffixes: -thinking- returns thoughts, -refined- hides them", async () => {
    const thinking = await translate({ model: "gemini-2.5-flash-lite-thinking-high" });
    expect(thinking.includeThoughts).toBe(true);
    expect(thinking.body.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 24576,
      includeThoughts: true,
    });
    // 3.8 Flash has no MINIMAL: the nearest level it takes.
    const refined = await translate({ model: "gemini-3.8-flash-refined-minimal" });
    expect(refined.model).toBe("gemini-3.8-flash");
    expect(refined.includeThoughts).toBe(false);
    expect(refined.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "LOW" });
  });

  it("maps reasoning_effort, with the model suffix winning over it", async () => {
    const effort = await translate({
      model: "gemini-3-flash-preview",
      reasoning_effort: "minimal",
    });
    expect(effort.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "MINIMAL" });
    const suffixWins = await translate({
      model: "gemini-2.5-flash-lite-thinking-low",
      reasoning_effort: "high",
    });
    expect(suffixWins.body.generationConfig?.thinkingConfig?.thinkingBudget).toBe(1024);
  });

  it("passes extra_body.google through, converted to Gemini field names and winning over the rest", async () => {
    const call = await translate({
      model: "gemini-2.5-flash-lite-thinking-high",
      google: {
        thinking_config: { thinking_budget: 777, include_thoughts: false },
        safety_settings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }],
        cached_content: "cachedContents/abc",
        response_modalities: ["TEXT"],
        generation_config: { top_k: 5 },
      },
    });
    expect(call.includeThoughts).toBe(false);
    expect(call.body.generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 777, includeThoughts: false },
      responseModalities: ["TEXT"],
      topK: 5,
    });
    expect(call.body.safetySettings).toEqual([
      { category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" },
    ]);
    expect(call.body.cachedContent).toBe("cachedContents/abc");
  });

  it("puts extra_body.google's request-level members on the request, not in generationConfig", async () => {
    const call = await translate({
      model: "gemini-2.5-flash-lite",
      google: {
        store: true,
        service_tier: "flex",
        system_instruction: { parts: [{ text: "Be brief." }] },
        media_resolution: "MEDIA_RESOLUTION_LOW",
      },
    });
    const body = call.body as unknown as Record<string, unknown>;
    expect(body.store).toBe(true);
    expect(body.serviceTier).toBe("flex");
    expect(body.systemInstruction).toEqual({ parts: [{ text: "Be brief." }] });
    expect(call.body.generationConfig).toMatchObject({ mediaResolution: "MEDIA_RESOLUTION_LOW" });
    expect(call.body.generationConfig).not.toHaveProperty("store");
    expect(call.body.generationConfig).not.toHaveProperty("systemInstruction");
  });

  it("uses the default model for a non-Gemini model name", async () => {
    const call = await translate({ model: "gpt-4o" });
    expect(call.model).toBe("gemini-2.5-flash-lite");
  });
});
