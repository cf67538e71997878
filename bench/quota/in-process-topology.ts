/**
 * The topology in one Node process for a simulation on a movable clock: the orchestrator's own
 * failover (forwardWithFailover) in front of three backends, each a GeminiPool with its own
 * health memory on that clock (one memory per backend, as one isolate per backend worker), calling
 * the emulator. The backend glue mirrors src/index.ts: pool errors become the backend's answer
 * with their headers (failover verdict, overloaded budget, Retry-After).
 */
import { asApiError } from "../../common/api-error.ts";
import {
  FAILOVER_HEADER,
  OVERLOADED_CALLS_HEADER,
  readCount,
} from "../../common/backend-protocol.ts";
import type { BackendEntry } from "../../orchestrator/src/backends.ts";
import { forwardWithFailover } from "../../orchestrator/src/forward.ts";
import type { ApiKey } from "../../src/gemini/api-key.ts";
import { parseModelId } from "../../src/gemini/model-id.ts";
import { GeminiPool } from "../../src/pool/gemini-pool.ts";
import type { HealthMemory } from "../../src/pool/health-memory.ts";

export interface InProcessTopology {
  /** One chat request for `model`; resolves with the orchestrator's answer. */
  ask(model: string): Promise<Response>;
}

export function inProcessTopology(
  emulatorUrl: string,
  shards: readonly (readonly string[])[],
  memoryFor: (backend: number) => HealthMemory,
): InProcessTopology {
  const backends: BackendEntry[] = shards.map((values, backend) => {
    const keys: ApiKey[] = values.map((value, index) => ({ index: index + 1, value }));
    const memory = memoryFor(backend);
    const target = { baseUrl: emulatorUrl, secrets: values };
    return {
      name: `BACKEND_SERVICE_${backend}`,
      index: backend,
      weight: keys.length,
      backend: {
        async fetch(request: Request) {
          const { model } = (await request.json()) as { model: string };
          const pool = new GeminiPool(keys, target, [], {
            memory,
            overloadedSpent: readCount(request.headers.get(OVERLOADED_CALLS_HEADER)),
          });
          try {
            const answer = await pool.json({
              kind: "model-method",
              model: parseModelId(model, "model"),
              method: "generateContent",
              body: { contents: [{ role: "user", parts: [{ text: "ping" }] }] },
            });
            return Response.json(answer);
          } catch (error) {
            const apiError = asApiError(error);
            return apiError.toResponse({
              [FAILOVER_HEADER]: apiError.headers[FAILOVER_HEADER] ?? "no",
            });
          }
        },
      },
    };
  });
  return {
    async ask(model: string) {
      const body = new Blob([JSON.stringify({ model })]);
      const { response } = await forwardWithFailover({
        request: new Request("http://orchestrator.invalid/v1/chat/completions", { method: "POST" }),
        body,
        backends,
      });
      return response;
    },
  };
}
