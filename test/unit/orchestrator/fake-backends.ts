import type { BackendEntry } from "../../../orchestrator/src/backends.ts";

export interface FakeBackend extends BackendEntry {
  /** Requests received, with their bodies read as text. */
  received: { method: string; url: string; headers: Headers; body: string }[];
}

/** An error answer as our backends send it: a status, their failover verdict, extra headers. */
export interface Verdict {
  status: number;
  failover: "another-backend" | "no";
  headers?: Record<string, string>;
}

type Behaviour = number | "throw" | Verdict | ((request: Request) => Response);

/**
 * A backend that records each request and answers with `behaviour`: a bare status (as a crash or
 * the platform would), a backend's verdict, a throw, or a handler.
 */
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
        if (typeof behaviour === "object") {
          return Response.json(
            { from: index },
            {
              status: behaviour.status,
              headers: { "x-zen-failover": behaviour.failover, ...behaviour.headers },
            },
          );
        }
        return Response.json({ from: index }, { status: behaviour });
      },
    },
  };
}

/** A random source that always picks the first remaining candidate. */
export const firstRemaining = () => 0;

/** A backend's error answer that says another backend may help. */
export const mayHelp = (status: number, headers: Record<string, string> = {}): Verdict => ({
  status,
  failover: "another-backend",
  headers,
});

/** A backend's error answer that says no other backend would do better. */
export const final = (status: number): Verdict => ({ status, failover: "no" });
