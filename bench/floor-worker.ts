/**
 * The floor a gateway is measured against: a worker that does nothing but forward. With
 * `UPSTREAM` it rewrites the URL onto that origin and forwards with fetch (one hop); with a `NEXT`
 * service binding it hands the request unchanged to the next worker (the first of two hops).
 * Bundled for workerd by bench/paths.ts.
 */

interface Fetcher {
  fetch(request: Request): Promise<Response>;
}

interface FloorEnv {
  UPSTREAM?: string;
  NEXT?: Fetcher;
}

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    if (env.NEXT) return env.NEXT.fetch(request);
    if (!env.UPSTREAM) return new Response("floor worker: no UPSTREAM or NEXT", { status: 500 });
    const incoming = new URL(request.url);
    const target = new URL(incoming.pathname + incoming.search, env.UPSTREAM);
    return fetch(new Request(target, request));
  },
};
