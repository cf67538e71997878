import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBED_BATCHES_IN_FLIGHT } from "../../src/surfaces/openai/embeddings.ts";
import { keyBindings, type RunningWorkers, startWorkers } from "../support/workerd.ts";

/**
 * OpenAI's largest embeddings request — 2,048 inputs at gemini-embedding-001's full 3,072
 * dimensions, ~130 MB of JSON in the answer — through the orchestrator and a backend in workerd.
 * The upstream is a plain Gemini stand-in that answers batchEmbedContents from a prepared body (the
 * emulator's SHA-256 vectors take over a second per batch); it counts calls and how many were in
 * flight at once, and can refuse one batch.
 */
const DIMENSIONS = 3072;
const PASS = "embeddings-large-pass";

interface Upstream {
  url: string;
  calls: number;
  mostInFlight: number;
  /** The number (1-based) of the batch call to refuse with Gemini's 400, if any. */
  refuseCall: number | null;
  /** Releases the first batch call, which waits for a second. */
  onCall?: (() => void) | undefined;
  server: Server;
}

function startUpstream(): Promise<Upstream> {
  const vector = Array.from({ length: DIMENSIONS }, (_, index) =>
    Math.fround(Math.sin(index) / 55),
  );
  const bodies = new Map<number, string>();
  let inFlight = 0;
  const upstream: Upstream = {
    url: "",
    calls: 0,
    mostInFlight: 0,
    refuseCall: null,
    server: createServer((request, response) => {
      const call = ++upstream.calls;
      upstream.mostInFlight = Math.max(upstream.mostInFlight, ++inFlight);
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const { requests } = JSON.parse(Buffer.concat(chunks).toString()) as {
          requests: unknown[];
        };
        // The first batch waits (up to 2 s) for a second to arrive, so that batches overlap when the
        // gateway lets them however slow the machine; later ones take a little latency.
        const answer = () => {
          inFlight--;
          if (call === upstream.refuseCall) {
            const error = {
              code: 400,
              message: "Request contains an invalid argument.",
              status: "INVALID_ARGUMENT",
            };
            response.writeHead(400, { "content-type": "application/json" });
            response.end(JSON.stringify({ error }));
            return;
          }
          let body = bodies.get(requests.length);
          if (!body) {
            const embeddings = requests.map(() => ({ values: vector }));
            body = JSON.stringify({ embeddings }, null, 2); // Gemini pretty-prints its JSON
            bodies.set(requests.length, body);
          }
          response.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
          response.end(body);
        };
        if (call === 1) {
          const timer = setTimeout(() => {
            upstream.onCall = undefined;
            answer();
          }, 2000);
          upstream.onCall = () => {
            clearTimeout(timer);
            setTimeout(answer, 20);
          };
        } else {
          upstream.onCall?.();
          upstream.onCall = undefined;
          setTimeout(answer, 20);
        }
      });
    }),
  };
  return new Promise((resolve) => {
    upstream.server.listen(0, "127.0.0.1", () => {
      upstream.url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
      resolve(upstream);
    });
  });
}

/**
 * A GET on a connection of its own. Parsing the ~56 MB answer holds Node's event loop for seconds,
 * longer than workerd keeps an idle connection open, so the pooled socket that fetch would reuse
 * has been closed at the other end before Node could notice — a local race, not the gateway's health.
 */
function statusOnNewConnection(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
    }).on("error", reject);
  });
}

let upstream: Upstream;
let workers: RunningWorkers;
let client: OpenAI;
beforeAll(async () => {
  upstream = await startUpstream();
  workers = await startWorkers([
    {
      name: "orchestrator",
      entry: "orchestrator/src/index.ts",
      bindings: { PASS },
      serviceBindings: { BACKEND_SERVICE_0: "backend" },
    },
    {
      name: "backend",
      entry: "src/index.ts",
      bindings: {
        PASS,
        GEMINI_BASE_URL: upstream.url,
        ...keyBindings(["key-a", "key-b", "key-c"]),
      },
    },
  ]);
  client = new OpenAI({ baseURL: `${workers.url}/v1`, apiKey: PASS, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await workers?.dispose();
  upstream?.server.close();
});

const inputs = Array.from({ length: 2048 }, (_, index) => `text number ${index}`);

describe("2,048 inputs × 3,072 dimensions in workerd", () => {
  it("are answered whole and in order, with at most EMBED_BATCHES_IN_FLIGHT batches at a time", async () => {
    upstream.calls = 0;
    upstream.mostInFlight = 0;
    const result = await client.embeddings.create({
      model: "text-embedding-3-large",
      input: inputs,
      encoding_format: "float",
    });
    expect(result.data).toHaveLength(2048);
    expect(result.data.map((item) => item.index)).toEqual(inputs.map((_, index) => index));
    for (const item of [result.data[0], result.data[1000], result.data[2047]]) {
      expect(item?.embedding).toHaveLength(DIMENSIONS);
      expect(item?.embedding[1]).toBe(Math.fround(Math.sin(1) / 55));
    }
    expect(result.model).toBe("text-embedding-3-large");
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(upstream.calls).toBe(21);
    expect(upstream.mostInFlight).toBeGreaterThan(1);
    expect(upstream.mostInFlight).toBeLessThanOrEqual(EMBED_BATCHES_IN_FLIGHT);

    // The gateway is healthy afterwards and answers the next request.
    expect(await statusOnNewConnection(`${workers.url}/health`)).toBe(200);
    const next = await client.embeddings.create({ model: "gemini-embedding-001", input: "again" });
    expect(next.data[0]?.embedding).toHaveLength(DIMENSIONS);
  }, 180_000);

  it("answers a batch Gemini refuses as one whole error, never a cut-off list", async () => {
    upstream.calls = 0;
    upstream.refuseCall = 7;
    try {
      const response = await fetch(`${workers.url}/v1/embeddings`, {
        method: "POST",
        headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gemini-embedding-001", input: inputs }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string; type: string } };
      expect(body.error.type).toBe("invalid_request_error");
      expect(body.error.message).toContain("invalid argument");
      // No batch is started once one has failed: at most the ones already in flight finish.
      expect(upstream.calls).toBeLessThanOrEqual(7 + EMBED_BATCHES_IN_FLIGHT - 1);
    } finally {
      upstream.refuseCall = null;
    }
    expect((await fetch(`${workers.url}/health`)).status).toBe(200);
  }, 120_000);
});
