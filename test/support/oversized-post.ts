import { request as httpRequest } from "node:http";

/**
 * POSTs a request that declares a `content-length` of `declaredBytes` but sends only its first
 * kilobyte, and resolves with the answer. A server that refuses an oversized body answers before
 * the upload is done; `fetch` would report that as a reset while it is still writing.
 */
export function postOversized(
  url: string,
  headers: Record<string, string>,
  declaredBytes: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(declaredBytes) },
    });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body: text });
        request.destroy();
      });
    });
    request.on("error", reject);
    request.write("x".repeat(1024));
  });
}
