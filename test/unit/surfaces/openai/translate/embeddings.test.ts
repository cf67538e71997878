import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../../../common/api-error.ts";
import {
  embeddingsJsonPieces,
  fromGeminiEmbedBatch,
  fromGeminiEmbeddings,
  toFloat32Base64,
  toGeminiEmbedBatches,
} from "../../../../../src/surfaces/openai/translate/embeddings.ts";
import { fromGeminiModel } from "../../../../../src/surfaces/openai/translate/models.ts";

describe("toGeminiEmbedBatches", () => {
  it("makes one batch for a string, with outputDimensionality from dimensions", () => {
    expect(
      toGeminiEmbedBatches(
        { model: "text-embedding-3-small", input: "hello", dimensions: 256 },
        "gemini-embedding-001",
      ),
    ).toEqual([
      {
        requests: [
          {
            model: "models/gemini-embedding-001",
            content: { parts: [{ text: "hello" }] },
            outputDimensionality: 256,
          },
        ],
      },
    ]);
  });

  it("splits 250 inputs into batches of 100, 100 and 50, in order", () => {
    const input = Array.from({ length: 250 }, (_, index) => `text ${index}`);
    const batches = toGeminiEmbedBatches({ model: "m", input }, "gemini-embedding-001");
    expect(batches.map((batch) => batch.requests.length)).toEqual([100, 100, 50]);
    const texts = batches.flatMap((batch) =>
      batch.requests.map((request) => request.content.parts[0]?.text),
    );
    expect(texts).toEqual(input);
  });

  it("answers 400 naming input for token arrays: Gemini takes text only", () => {
    const request = { model: "m", input: [[1, 2, 3]] as unknown as string[] };
    const error = (() => {
      try {
        toGeminiEmbedBatches(request, "gemini-embedding-001");
      } catch (caught) {
        return caught as ApiError;
      }
    })();
    expect([error?.status, error?.param]).toEqual([400, "input"]);
  });
});

describe("fromGeminiEmbeddings", () => {
  const batches = [
    {
      embeddings: [{ values: [0.5, -1] }, { values: [0.25, 2] }],
      usageMetadata: { promptTokenCount: 9 },
    },
  ];

  it("answers float vectors in order with Gemini's token count", () => {
    expect(
      fromGeminiEmbeddings(batches, {
        model: "text-embedding-3-small",
        encodingFormat: "float",
        inputs: ["a", "b"],
      }),
    ).toMatchInlineSnapshot(`
      {
        "data": [
          {
            "embedding": [
              0.5,
              -1,
            ],
            "index": 0,
            "object": "embedding",
          },
          {
            "embedding": [
              0.25,
              2,
            ],
            "index": 1,
            "object": "embedding",
          },
        ],
        "model": "text-embedding-3-small",
        "object": "list",
        "usage": {
          "prompt_tokens": 9,
          "total_tokens": 9,
        },
      }
    `);
  });

  it("encodes base64 as little-endian float32 bytes, like OpenAI", () => {
    const result = fromGeminiEmbeddings(batches, {
      model: "m",
      encodingFormat: "base64",
      inputs: ["a", "b"],
    });
    const encoded = result.data[0]?.embedding as string;
    const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
    expect([...new Float32Array(bytes.buffer)]).toEqual([0.5, -1]);
    expect(encoded).toBe("AAAAPwAAgL8=");
  });

  it("encodes base64 byte for byte as a DataView writing little-endian float32 would", () => {
    const values = [0, -0, 1e-45, 3.4e38, -1.5, 0.1, 1 / 3, 123456.789, -2.2e-308, 7e-39];
    for (let index = 0; index < 500; index++) values.push(Math.sin(index) * 10 ** (index % 7));
    const view = new DataView(new ArrayBuffer(values.length * 4));
    for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true);
    const expected = Buffer.from(view.buffer).toString("base64");
    expect(toFloat32Base64(values)).toBe(expected);
  });

  it("estimates usage as ceil(chars / 4) when Gemini reports none", () => {
    const result = fromGeminiEmbeddings([{ embeddings: [{ values: [1] }, { values: [1] }] }], {
      model: "m",
      encodingFormat: "float",
      inputs: ["hello", "hi"],
    });
    expect(result.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it("fails with 502 when Gemini returns a different number of embeddings", () => {
    expect(() =>
      fromGeminiEmbeddings([{ embeddings: [{ values: [1] }] }], {
        model: "m",
        encodingFormat: "float",
        inputs: ["a", "b"],
      }),
    ).toThrow(expect.objectContaining({ status: 502 }));
  });
});

describe("embeddingsJsonPieces", () => {
  // 101 inputs: a batch of 100 and a batch of 1, as toGeminiEmbedBatches cuts them.
  const inputs = Array.from({ length: 101 }, (_, index) => `text ${index}`);
  const context = { model: "m", encodingFormat: "float" as const, inputs };
  const batches = [
    {
      embeddings: inputs.slice(0, 100).map((_, index) => ({ values: [index, -1] })),
      usageMetadata: { promptTokenCount: 400 },
    },
    { embeddings: [{ values: [0.5, 0.25] }], usageMetadata: { promptTokenCount: 4 } },
  ];
  const answers = () =>
    batches.map((batch, position) => fromGeminiEmbedBatch(batch, position, context));

  it("writes the same JSON as the whole response, one piece per embedding", () => {
    const pieces = [...embeddingsJsonPieces(answers(), "m")];
    expect(pieces).toHaveLength(2 + 101);
    expect(JSON.parse(pieces.join(""))).toEqual(fromGeminiEmbeddings(batches, context));
    expect(pieces.at(-1)).toBe('],"model":"m","usage":{"prompt_tokens":404,"total_tokens":404}}');
  });

  it("lets go of each batch's vectors once they are written", () => {
    const parts = answers();
    const pieces = embeddingsJsonPieces(parts, "m");
    for (let step = 0; step < 101; step++) pieces.next(); // the opening and batch 0
    expect(parts[0]?.data).toHaveLength(100);
    pieces.next(); // the first piece of the second batch
    expect(parts[0]?.data).toEqual([]);
    expect(parts[1]?.data).toHaveLength(1);
  });

  it("numbers a later batch's embeddings from its place in the request", () => {
    const inputs = Array.from({ length: 101 }, (_, index) => `t${index}`);
    const answer = fromGeminiEmbedBatch({ embeddings: [{ values: [1] }] }, 1, {
      model: "m",
      encodingFormat: "float",
      inputs,
    });
    expect(answer.data[0]?.index).toBe(100);
    expect(answer.promptTokens).toBe(1);
  });
});

describe("fromGeminiModel", () => {
  it("answers OpenAI's model object without the models/ prefix", () => {
    expect(
      fromGeminiModel({ name: "models/gemini-2.5-flash", displayName: "Gemini 2.5 Flash" }),
    ).toEqual({
      id: "gemini-2.5-flash",
      object: "model",
      created: 0,
      owned_by: "google",
    });
  });
});
