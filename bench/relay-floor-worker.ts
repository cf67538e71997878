/**
 * A reference for what touching every stream chunk in JavaScript costs: forwards a Gemini request
 * to the upstream like the floor worker, but its answer's body passes through JavaScript chunk by
 * chunk. `?relay=` picks how much it does per chunk — `pull` (a pull-source ReadableStream reading
 * the upstream reader), `pipe` (a native IdentityTransformStream written once per read), `text`
 * (+ decode and encode), `json` (+ SSE split, JSON.parse and JSON.stringify of each event). Served
 * by bench/paths.ts as the `relay-floor` reference, for bench/compare-cpu.ts.
 */

interface RelayEnv {
  UPSTREAM: string;
}

declare const IdentityTransformStream: new () => TransformStream<Uint8Array, Uint8Array>;

export default {
  async fetch(request: Request, env: RelayEnv): Promise<Response> {
    const incoming = new URL(request.url);
    const relay = incoming.searchParams.get("relay") ?? "pull";
    incoming.searchParams.delete("relay");
    const target = new URL(incoming.pathname + incoming.search, env.UPSTREAM);
    const upstream = await fetch(new Request(target, request));
    if (!upstream.body) return upstream;
    const reader = upstream.body.getReader();
    const headers = { "content-type": "text/event-stream" };
    if (relay === "pull") {
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
      return new Response(body, { headers });
    }
    const { readable, writable } = new IdentityTransformStream();
    const writer = writable.getWriter();
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    let buffered = "";
    const transform = (value: Uint8Array): Uint8Array => {
      if (relay === "pipe" || relay === "nowait") return value;
      const text = decoder.decode(value, { stream: true });
      if (relay === "text") return encoder.encode(text);
      buffered += text;
      let out = "";
      for (let end = buffered.indexOf("\r\n\r\n"); end >= 0; end = buffered.indexOf("\r\n\r\n")) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        if (event.startsWith("data: ")) {
          out += `data: ${JSON.stringify(JSON.parse(event.slice(6)))}\n\n`;
        }
      }
      return encoder.encode(out);
    };
    if (relay === "readonly") {
      void (async () => {
        const chunks: Uint8Array[] = [];
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
        }
        for (const chunk of chunks) void writer.write(chunk);
        await writer.close();
      })();
      return new Response(readable, { headers });
    }
    if (relay === "byob") {
      reader.releaseLock();
      const byob = upstream.body.getReader({ mode: "byob" });
      void (async () => {
        let buffer = new ArrayBuffer(65536);
        for (;;) {
          const { done, value } = await byob.read(new Uint8Array(buffer));
          if (done || !value) return writer.close();
          void writer.write(value.slice());
          buffer = value.buffer as ArrayBuffer;
        }
      })();
      return new Response(readable, { headers });
    }
    const wait = relay !== "nowait";
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return writer.close();
        const written = writer.write(transform(value));
        if (wait) await written;
      }
    })();
    return new Response(readable, { headers });
  },
};
