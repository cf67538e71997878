import { describe, expect, it } from "vitest";
import { tagId } from "../../../common/resource-tag.ts";
import { parseKeyOwners, printInRequest } from "../../../orchestrator/src/affinity-routing.ts";
import type { BackendEntry } from "../../../orchestrator/src/backends.ts";

const backend = (index: number): BackendEntry => ({
  name: `BACKEND_SERVICE_${index}`,
  index,
  weight: 1,
  backend: { fetch: async () => new Response() },
});

describe("the orchestrator's key owners (BACKEND_KEYS)", () => {
  const backends = [backend(0), backend(1), backend(2)];

  it("maps each print to its backend and knows each backend's first key", () => {
    const owners = parseKeyOwners(
      JSON.stringify({
        BACKEND_SERVICE_0: ["aaaaaaaa", "bbbbbbbb"],
        BACKEND_SERVICE_2: ["cccccccc"],
      }),
      backends,
    );
    expect(owners.byPrint.get("bbbbbbbb")).toBe(backends[0]);
    expect(owners.byPrint.get("cccccccc")).toBe(backends[2]);
    expect(owners.order.map((item) => item.firstPrint)).toEqual(["aaaaaaaa", null, "cccccccc"]);
  });

  it("ignores what is not JSON, and entries that are not prints", () => {
    expect(parseKeyOwners("{nope", backends).byPrint.size).toBe(0);
    const owners = parseKeyOwners(
      { BACKEND_SERVICE_1: ["AIzaSecretKey", 7, "dddddddd"] },
      backends,
    );
    expect([...owners.byPrint.keys()]).toEqual(["dddddddd"]);
  });
});

describe("printInRequest", () => {
  const print = "a1b2c3d4";
  const id = tagId("2wf3cf1fb9g4", print);
  const url = (path: string) => new URL(`https://gateway.test${path}`);

  it.each([
    ["GET", `/v1beta/files/${id}`],
    ["DELETE", `/v1/files/${id}`],
    ["PATCH", `/v1beta/cachedContents/${id}`],
    ["POST", `/upload/v1beta/files?upload_id=${tagId("AbC-_9", print)}&upload_protocol=resumable`],
    ["GET", `/v1beta/files?pageSize=3&pageToken=${print}eyJzIjpbXX0`],
    ["GET", `/v1/interactions/${tagId("v1_ChdJbnRlcmFjdGlvbg", print)}?stream=true`],
    ["POST", `/v1beta/interactions/${tagId("v1_ChdJbnRlcmFjdGlvbg", print)}/cancel`],
    ["DELETE", `/v1beta/interactions/${tagId("v1_ChdJbnRlcmFjdGlvbg", print)}`],
    ["GET", `/download/v1beta/files/${id}:download?alt=media`],
    ["POST", `/v1beta/batches/${id}:cancel`],
    ["GET", `/v1beta/batches?pageToken=${print}eyJzIjpbXX0`],
    ["GET", `/v1beta/fileSearchStores/${id}/documents/doc-1`],
    ["GET", `/v1beta/fileSearchStores/${id}/upload/operations/op1`],
    ["POST", `/upload/v1beta/fileSearchStores/${id}:uploadToFileSearchStore?upload_id=xyz`],
    ["GET", `/v1/fileSearchStores?pageToken=${print}eyJzIjpbXX0`],
  ])("reads the key's print from %s %s", (method, path) => {
    expect(printInRequest(method, url(path))).toBe(print);
  });

  it.each([
    ["GET", "/v1beta/files/2wf3cf1fb9g4"],
    ["POST", "/v1beta/models/gemini-2.5-flash:generateContent"],
    ["GET", "/v1beta/files?pageToken=notatoken"],
    ["POST", `/v1beta/files?upload_id=${tagId("x", print)}`],
    ["POST", "/v1/interactions"],
  ])("finds none in %s %s", (method, path) => {
    expect(printInRequest(method, url(path))).toBeNull();
  });
});
