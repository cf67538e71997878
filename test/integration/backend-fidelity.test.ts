import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";

/**
 * Issue 9, points 2–11, end to end: the official openai SDK → the backend in workerd → the
 * emulator, which enforces Gemini's per-family rules and answers finish reasons, images, grounding
 * and logprobs as the real API does (emulator/README.md).
 */
let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());
afterEach(() => backend.emulator.reset());

type Body = {
  systemInstruction?: unknown;
  tools?: unknown[];
  toolConfig?: Record<string, unknown>;
  contents?: { parts: { text?: string }[] }[];
  cachedContent?: string;
  generationConfig?: Record<string, unknown>;
};
const lastBody = () => backend.emulator.requests().at(-1)?.body as Body | undefined;

const weatherTool: OpenAI.ChatCompletionTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

async function failure(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof OpenAI.APIError)) throw new Error(`expected an APIError, got ${error}`);
  return error;
}

describe("Google Search with function tools (9.2)", () => {
  it("answers a Gemini 2.5 model a 400 naming tools, without calling Gemini", async () => {
    const error = await failure(() =>
      backend.client.chat.completions.create({
        model: "gemini-2.5-flash-lite:search",
        messages: [{ role: "user", content: "weather in Paris?" }],
        tools: [weatherTool],
      }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe("tools");
    expect(backend.emulator.requests()).toHaveLength(0);
  });

  it("lets a Gemini 3 model search and call functions in one request", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-3-flash-preview",
      messages: [{ role: "user", content: "call get_weather" }],
      tools: [weatherTool],
      web_search_options: {},
    });
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(lastBody()?.toolConfig).toMatchObject({ includeServerSideToolInvocations: true });
  });
});

describe("thinking per model (9.3)", () => {
  it.each([
    ["gemini-3.1-pro-preview", "medium", { thinkingLevel: "MEDIUM" }],
    ["gemini-3.8-flash", "minimal", { thinkingLevel: "LOW" }],
    ["gemini-4-argon", "xhigh", { thinkingLevel: "HIGH" }],
    ["gemini-4-neon", "xhigh", { thinkingLevel: "XHIGH" }],
    ["gemini-3-flash-preview", "none", { thinkingLevel: "MINIMAL" }],
    // Answered by gemini-3.8-flash since 2026-12-01: its levels apply.
    ["gemini-2.5-pro", "none", { thinkingLevel: "LOW" }],
    ["gemini-2.5-flash-lite", "minimal", { thinkingBudget: 512 }],
    ["gemini-flash-latest", "high", { thinkingLevel: "HIGH" }],
    ["gemini-2.5-flash-image", "high", undefined],
    ["gemma-3-27b-it", "high", undefined],
  ] as const)(
    "%s with reasoning_effort %s is accepted, sending %j",
    async (model, effort, sent) => {
      const completion = await backend.client.chat.completions.create({
        model,
        messages: [{ role: "user", content: "think about it" }],
        reasoning_effort: effort as OpenAI.ReasoningEffort,
      });
      expect(completion.choices[0]?.message.content).toContain("think about it");
      expect(lastBody()?.generationConfig?.thinkingConfig).toEqual(sent);
    },
  );

  it("clamps an extra_body thinking_budget into the model's range and returns thoughts", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash-lite",
      messages: [{ role: "user", content: "tiny budget" }],
      // @ts-expect-error extra_body is the SDK's pass-through for provider fields
      extra_body: { google: { thinking_config: { thinking_budget: 100, include_thoughts: true } } },
    });
    expect(lastBody()?.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 512,
      includeThoughts: true,
    });
    const message = completion.choices[0]?.message as { reasoning_content?: string };
    expect(message.reasoning_content).toContain("Thinking about");
  });
});

describe("Gemma, cached content (9.4, 9.5)", () => {
  it("folds the system prompt into Gemma's first user turn", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemma-3-27b-it",
      messages: [
        { role: "system", content: "Speak like a pirate." },
        { role: "user", content: "hello" },
      ],
    });
    expect(completion.choices[0]?.message.content).toContain("Speak like a pirate.");
    expect(lastBody()?.systemInstruction).toBeUndefined();
  });

  it("leaves systemInstruction, tools and toolConfig out next to cached_content", async () => {
    // A cache that exists (the emulator, like Gemini, refuses an unknown one), made through the
    // gateway so its name carries the tag of the key that owns it.
    const created = await fetch(`${backend.url}/v1beta/cachedContents`, {
      method: "POST",
      headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({
        model: "models/gemini-2.5-flash",
        contents: [{ role: "user", parts: [{ text: "cached words ".repeat(1200) }] }],
        ttl: "600s",
      }),
    });
    expect(created.status).toBe(200);
    const cacheName = ((await created.json()) as { name: string }).name;
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        { role: "system", content: "In the cache already." },
        { role: "user", content: "from the cache" },
      ],
      tools: [weatherTool],
      tool_choice: "auto",
      // @ts-expect-error extra_body is the SDK's pass-through for provider fields
      extra_body: { google: { cached_content: cacheName } },
    });
    expect(completion.choices[0]?.message.content).toContain("from the cache");
    const body = lastBody();
    // Upstream, the name is Google's own: the gateway's tag is removed.
    expect(cacheName.startsWith(String(body?.cachedContent))).toBe(true);
    expect(body?.cachedContent).toMatch(/^cachedContents\/[a-z0-9-]+$/);
    expect([body?.systemInstruction, body?.tools, body?.toolConfig]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("finish reasons (9.6)", () => {
  it.each(["MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "MALFORMED_RESPONSE"])(
    "answers %s as a retryable 5xx naming the reason",
    async (reason) => {
      const error = await failure(() =>
        backend.client.chat.completions.create({
          model: "gemini-2.5-flash",
          messages: [{ role: "user", content: `call get_weather emulate:finish=${reason}` }],
          tools: [weatherTool],
        }),
      );
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(error.status).toBe(502);
      expect(error.code).toBe(reason.toLowerCase());
      expect(error.message).toContain(reason);
    },
  );

  it("ends a stream that hits TOO_MANY_TOOL_CALLS with an error event, no stop", async () => {
    const stream = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "emulate:finish=TOO_MANY_TOOL_CALLS" }],
      stream: true,
    });
    const finishes: (string | null | undefined)[] = [];
    const error = await failure(async () => {
      for await (const chunk of stream) finishes.push(chunk.choices[0]?.finish_reason);
    });
    expect(error.message).toContain("TOO_MANY_TOOL_CALLS");
    expect(finishes.filter(Boolean)).toEqual([]);
  });

  it.each(["SPII", "PROHIBITED_CONTENT", "BLOCKLIST", "IMAGE_SAFETY"])(
    "reports %s as content_filter",
    async (reason) => {
      const completion = await backend.client.chat.completions.create({
        model: "gemini-2.5-flash",
        messages: [{ role: "user", content: `emulate:finish=${reason}` }],
      });
      expect(completion.choices[0]?.finish_reason).toBe("content_filter");
    },
  );
});

describe("images, grounding, logprobs, modelVersion (9.7, 9.8, 9.10, 9.11)", () => {
  it("returns an image model's picture as message.images and, streamed, delta.images", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash-image",
      messages: [{ role: "user", content: "draw a dot" }],
    });
    const message = completion.choices[0]?.message as { images?: { image_url: { url: string } }[] };
    expect(message.images?.[0]?.image_url.url).toMatch(/^data:image\/png;base64,/);
    const stream = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash-image",
      messages: [{ role: "user", content: "draw a dot" }],
      stream: true,
    });
    const images: unknown[] = [];
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { images?: unknown[] } | undefined;
      images.push(...(delta?.images ?? []));
    }
    expect(images).toHaveLength(1);
  });

  it("returns Google Search sources as url_citation annotations", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash:search",
      messages: [{ role: "user", content: "what is new today" }],
    });
    const annotations = completion.choices[0]?.message.annotations ?? [];
    expect(annotations.map((annotation) => annotation.url_citation.url)).toEqual(
      expect.arrayContaining(["https://example.com/echo"]),
    );
    for (const { url_citation: citation } of annotations) {
      expect(citation.end_index).toBeLessThanOrEqual(
        completion.choices[0]?.message.content?.length ?? 0,
      );
    }
  });

  it("returns logprobs in OpenAI's shape", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "two words" }],
      logprobs: true,
      top_logprobs: 2,
    });
    expect(lastBody()?.generationConfig).toMatchObject({ responseLogprobs: true, logprobs: 2 });
    const content = completion.choices[0]?.logprobs?.content ?? [];
    expect(content.length).toBeGreaterThan(0);
    expect(content[0]?.top_logprobs).toHaveLength(2);
    expect(typeof content[0]?.logprob).toBe("number");
  });

  it("sends image_url.detail as each image's mediaResolution, request-wide where the model takes none per part", async () => {
    const png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    const ask = (model: string) =>
      backend.client.chat.completions
        .create({
          model,
          messages: [
            {
              role: "user",
              content: [
                { type: "text", text: "what is this" },
                {
                  type: "image_url",
                  image_url: { url: `data:image/png;base64,${png}`, detail: "low" },
                },
              ],
            },
          ],
        })
        .withResponse();
    type Parts = { contents?: { parts?: { mediaResolution?: unknown }[] }[] };
    // Gemini 3: the image's own resolution; Gemini 3 counts a LOW image as 280 tokens.
    const perPart = await ask("gemini-3.8-flash");
    expect((lastBody() as Parts | undefined)?.contents?.[0]?.parts?.[1]?.mediaResolution).toEqual({
      level: "MEDIA_RESOLUTION_LOW",
    });
    expect(lastBody()?.generationConfig?.mediaResolution).toBeUndefined();
    expect(perPart.data.usage?.prompt_tokens).toBe(3 + 280);
    expect(perPart.response.headers.get("x-router-adjusted")).toBeNull();
    // 2.5 Flash-Lite takes only the request-wide setting; the header says so.
    const requestWide = await ask("gemini-2.5-flash-lite");
    expect(lastBody()?.generationConfig?.mediaResolution).toBe("MEDIA_RESOLUTION_LOW");
    expect((lastBody() as Parts | undefined)?.contents?.[0]?.parts?.[1]).not.toHaveProperty(
      "mediaResolution",
    );
    expect(requestWide.response.headers.get("x-router-adjusted")).toBe(
      "mediaResolution=per part->MEDIA_RESOLUTION_LOW",
    );
  });

  it("names the model that answered: an alias resolves to its modelVersion", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-flash-latest",
      messages: [{ role: "user", content: "who are you" }],
    });
    expect(completion.model).toBe("gemini-3.8-flash");
  });
});

describe("embeddings below the full size (9.9)", () => {
  it("normalizes truncated vectors to unit length", async () => {
    const result = await backend.client.embeddings.create({
      model: "gemini-embedding-001",
      input: ["first text", "second text"],
      dimensions: 256,
    });
    for (const { embedding } of result.data) {
      expect(embedding).toHaveLength(256);
      const norm = Math.sqrt(embedding.reduce((sum, value) => sum + value * value, 0));
      expect(norm).toBeCloseTo(1, 5);
    }
  });
});
