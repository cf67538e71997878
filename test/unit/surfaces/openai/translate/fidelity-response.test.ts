import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../../common/api-error.ts";
import type { GeminiGenerateContentResponse } from "../../../../../src/gemini/types.ts";
import {
  fromGeminiResponse,
  type ResponseContext,
} from "../../../../../src/surfaces/openai/translate/chat-response.ts";
import { ChatStreamTranslator } from "../../../../../src/surfaces/openai/translate/chat-stream.ts";

const fixture = (name: string): GeminiGenerateContentResponse =>
  JSON.parse(
    readFileSync(new URL(`../../../../fixtures/gemini-responses/${name}`, import.meta.url), "utf8"),
  );

const context: ResponseContext = {
  id: "chatcmpl-fidelity",
  model: "my-alias",
  created: 1_700_000_000,
  includeThoughts: false,
};

/** Every event through a stream translator: chunks, and the end's error if any. */
function stream(events: GeminiGenerateContentResponse[]) {
  const translator = new ChatStreamTranslator({ ...context, includeUsage: false });
  const chunks = events.flatMap((event) => translator.push(event));
  const end = translator.end();
  return { chunks: [...chunks, ...end.chunks], error: end.error };
}

function thrown(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("finish reasons (issue 9.6)", () => {
  it.each([
    "MALFORMED_FUNCTION_CALL",
    "UNEXPECTED_TOOL_CALL",
    "TOO_MANY_TOOL_CALLS",
    "MISSING_THOUGHT_SIGNATURE",
    "MALFORMED_RESPONSE",
  ])(
    "answers %s as a retryable 502 naming the reason and finishMessage, never an empty stop",
    (reason) => {
      const response = fixture("malformed-function-call.json");
      const candidate = response.candidates?.[0];
      if (candidate) candidate.finishReason = reason;
      const error = thrown(() => fromGeminiResponse(response, context));
      expect({ status: error.status, type: error.type, code: error.code }).toEqual({
        status: 502,
        type: "api_error",
        code: reason.toLowerCase(),
      });
      expect(error.message).toContain(reason);
      expect(error.message).toContain("Malformed function call: print(default_api.get_weather");
    },
  );

  it("ends a stream with the same error event instead of a finish chunk", () => {
    const { chunks, error } = stream([fixture("malformed-function-call.json")]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null]);
    expect(error?.toJSON()).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "malformed_function_call",
          "message": "Gemini stopped without a usable answer (finishReason MALFORMED_FUNCTION_CALL): Malformed function call: print(default_api.get_weather(city="Paris" Retrying the request usually helps.",
          "param": null,
          "type": "api_error",
        },
      }
    `);
  });

  it.each(["SPII", "PROHIBITED_CONTENT", "BLOCKLIST", "IMAGE_SAFETY"])(
    "maps %s to content_filter",
    (reason) => {
      const response: GeminiGenerateContentResponse = {
        candidates: [{ content: { parts: [] }, finishReason: reason, index: 0 }],
      };
      expect(fromGeminiResponse(response, context).choices[0]?.finish_reason).toBe(
        "content_filter",
      );
      expect(stream([response]).chunks.at(-1)?.choices[0]?.finish_reason).toBe("content_filter");
    },
  );
});

describe("image output (issue 9.7)", () => {
  it("returns inlineData parts as message.images data URLs", () => {
    const completion = fromGeminiResponse(fixture("image-output.json"), context);
    expect(completion.choices[0]?.message).toMatchInlineSnapshot(`
      {
        "content": "Here is a tiny red square.",
        "images": [
          {
            "image_url": {
              "url": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
            },
            "type": "image_url",
          },
        ],
        "refusal": null,
        "role": "assistant",
      }
    `);
  });

  it("streams them as delta.images", () => {
    const { chunks } = stream([fixture("image-output.json")]);
    const images = chunks.flatMap((chunk) => chunk.choices[0]?.delta.images ?? []);
    expect(images).toEqual([
      {
        index: 0,
        type: "image_url",
        image_url: { url: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/) },
      },
    ]);
  });
});

describe("grounding (issue 9.8)", () => {
  it("turns groundingMetadata into url_citation annotations with string offsets", () => {
    const completion = fromGeminiResponse(fixture("grounded-search.json"), context);
    const message = completion.choices[0]?.message;
    expect(message?.annotations).toMatchInlineSnapshot(`
      [
        {
          "type": "url_citation",
          "url_citation": {
            "end_index": 57,
            "start_index": 0,
            "title": "aljazeera.com",
            "url": "https://vertexaisearch.cloud.google.com/grounding-api-redirect/aljazeera",
          },
        },
        {
          "type": "url_citation",
          "url_citation": {
            "end_index": 127,
            "start_index": 58,
            "title": "aljazeera.com",
            "url": "https://vertexaisearch.cloud.google.com/grounding-api-redirect/aljazeera",
          },
        },
        {
          "type": "url_citation",
          "url_citation": {
            "end_index": 127,
            "start_index": 58,
            "title": "uefa.com",
            "url": "https://vertexaisearch.cloud.google.com/grounding-api-redirect/uefa",
          },
        },
        {
          "type": "url_citation",
          "url_citation": {
            "end_index": 127,
            "start_index": 0,
            "title": "example.org",
            "url": "https://vertexaisearch.cloud.google.com/grounding-api-redirect/unused",
          },
        },
      ]
    `);
    const [first] = message?.annotations ?? [];
    expect(message?.content?.slice(0, first?.url_citation.end_index)).toBe(
      "España won Euro 2024, defeating England 2–1 in the final.",
    );
  });

  it("streams the annotations just before the finish chunk", () => {
    const { chunks } = stream([fixture("grounded-search.json")]);
    const annotated = chunks.findIndex((chunk) => chunk.choices[0]?.delta.annotations);
    expect(annotated).toBe(chunks.length - 2);
    expect(chunks[annotated]?.choices[0]?.delta.annotations).toHaveLength(4);
  });

  it("shows failed code execution as failed", () => {
    const completion = fromGeminiResponse(fixture("code-execution-failed.json"), context);
    expect(completion.choices[0]?.message.content).toMatchInlineSnapshot(`
      "
      \`\`\`python
      print(1 / 0)

      \`\`\`

      \`\`\`
      Code execution failed (OUTCOME_FAILED)
      ZeroDivisionError: division by zero

      \`\`\`
      Dividing by zero is undefined."
    `);
  });
});

describe("logprobs (issue 9.10)", () => {
  it("returns logprobsResult as choices[].logprobs.content", () => {
    const completion = fromGeminiResponse(fixture("logprobs.json"), context);
    expect(completion.choices[0]?.logprobs).toMatchInlineSnapshot(`
      {
        "content": [
          {
            "bytes": [
              72,
              105,
            ],
            "logprob": -0.05,
            "token": "Hi",
            "top_logprobs": [
              {
                "bytes": [
                  72,
                  105,
                ],
                "logprob": -0.05,
                "token": "Hi",
              },
              {
                "bytes": [
                  72,
                  101,
                  108,
                  108,
                  111,
                ],
                "logprob": -3.1,
                "token": "Hello",
              },
            ],
          },
          {
            "bytes": [
              32,
              116,
              104,
              101,
              114,
              101,
            ],
            "logprob": -0.13,
            "token": " there",
            "top_logprobs": [
              {
                "bytes": [
                  32,
                  116,
                  104,
                  101,
                  114,
                  101,
                ],
                "logprob": -0.13,
                "token": " there",
              },
              {
                "bytes": [
                  33,
                ],
                "logprob": -2.2,
                "token": "!",
              },
            ],
          },
        ],
        "refusal": null,
      }
    `);
  });

  it("streams them with the content they belong to", () => {
    const { chunks } = stream([fixture("logprobs.json")]);
    const withLogprobs = chunks.filter((chunk) => chunk.choices[0]?.logprobs);
    expect(withLogprobs).toHaveLength(1);
    expect(withLogprobs[0]?.choices[0]?.delta.content).toBe("Hi there");
    expect(withLogprobs[0]?.choices[0]?.logprobs?.content?.map((entry) => entry.token)).toEqual([
      "Hi",
      " there",
    ]);
  });
});

describe("the answering model (issue 9.11)", () => {
  it("names Gemini's modelVersion, not the alias the client sent", () => {
    const response = {
      ...fixture("logprobs.json"),
      modelVersion: "gemini-2.5-flash-preview-09-2025",
    };
    expect(fromGeminiResponse(response, context).model).toBe("gemini-2.5-flash-preview-09-2025");
    const { chunks } = stream([response]);
    expect(new Set(chunks.map((chunk) => chunk.model))).toEqual(
      new Set(["gemini-2.5-flash-preview-09-2025"]),
    );
  });

  it("keeps the requested name when Gemini names none", () => {
    const { modelVersion: _, ...response } = fixture("logprobs.json");
    expect(fromGeminiResponse(response, context).model).toBe("my-alias");
  });
});
