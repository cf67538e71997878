import { describe, expect, it } from "vitest";
import { ApiError } from "../../../common/api-error.ts";
import { readBodyLimited } from "../../../orchestrator/src/read-body.ts";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("https://orchestrator.example/v1/embeddings", { method: "POST", body, headers });

/** A body stream of `chunks` chunks of `size` bytes each, with no Content-Length. */
function chunkedStream(chunks: number, size: number) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}

describe("readBodyLimited", () => {
  it("reads a body within the limit into a Blob", async () => {
    const body = await readBodyLimited(post("hello"), 10);
    expect(await body?.text()).toBe("hello");
  });

  it("returns null for a request without a body", async () => {
    expect(
      await readBodyLimited(new Request("https://orchestrator.example/health"), 10),
    ).toBeNull();
  });

  it("refuses with 413 by Content-Length before reading anything", async () => {
    const request = post("tiny", { "content-length": "26214401" });
    const error = await readBodyLimited(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  it("refuses with 413 when the bytes read exceed the limit without a Content-Length", async () => {
    const request = new Request("https://orchestrator.example/v1/embeddings", {
      method: "POST",
      body: chunkedStream(5, 1000),
      duplex: "half",
    } as RequestInit);
    const error = await readBodyLimited(request, 4500).catch((caught: unknown) => caught);
    expect((error as ApiError).status).toBe(413);
    expect((error as ApiError).toJSON().error.code).toBe("payload_too_large");
  });

  it("accepts a streamed body of exactly the limit", async () => {
    const request = new Request("https://orchestrator.example/v1/embeddings", {
      method: "POST",
      body: chunkedStream(5, 1000),
      duplex: "half",
    } as RequestInit);
    expect((await readBodyLimited(request, 5000))?.size).toBe(5000);
  });
});
