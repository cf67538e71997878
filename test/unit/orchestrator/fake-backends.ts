import type { BackendEntry } from "../../../orchestrator/src/backends.ts";

export interface FakeBackend extends BackendEntry {
  /** Requests received, with their bodies read as text. */
  received: { method: string; url: string; headers: Headers; body: string }[];
}

type Behaviour = number | "throw" | ((request: Request) => Response);

/** A backend that records each request and answers with `behaviour` (a status, a throw, or a handler). */
export function fakeBackend(index: number, behaviour: Behaviour, weight = 1): FakeBackend {
  const received: FakeBackend["received"] = [];
  return {
    name: `BACKEND_SERVICE_${index}`,
    index,
    weight,
    received,
    backend: {
      async fetch(request: Request) {
        received.push({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: await request.text(),
        });
        if (behaviour === "throw") throw new Error(`backend ${index} is down`);
        if (typeof behaviour === "function") return behaviour(request);
        return Response.json({ from: index }, { status: behaviour });
      },
    },
  };
}

/** A random source that always picks the first remaining candidate. */
export const firstRemaining = () => 0;
