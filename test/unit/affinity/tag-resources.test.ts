import { describe, expect, it } from "vitest";
import { readTag, tagId } from "../../../common/resource-tag.ts";
import { resourcesInInteraction } from "../../../src/affinity/interaction-refs.ts";
import { resourcesInBody, tagResource } from "../../../src/affinity/tag-resources.ts";
import { resourcePath } from "../../../src/gemini/resource-path.ts";

const PRINT = "a1b2c3d4";

describe("tagResource", () => {
  it("tags a batch operation's name, its metadata's name, input file and result file, never its model output", () => {
    const operation = {
      name: "batches/q1w2e3r4t5",
      metadata: {
        name: "batches/q1w2e3r4t5",
        inputConfig: { fileName: "files/input12345" },
        output: {
          responsesFile: "files/batch-q1w2e3",
          inlinedResponses: { inlinedResponses: [{ response: { name: "files/untouched" } }] },
        },
      },
      response: { responsesFile: "files/batch-q1w2e3" },
    };
    tagResource("batches", operation, PRINT);
    expect(operation.name).toBe(`batches/${tagId("q1w2e3r4t5", PRINT)}`);
    expect(operation.metadata.name).toBe(operation.name);
    expect(operation.metadata.inputConfig.fileName).toBe(`files/${tagId("input12345", PRINT)}`);
    expect(operation.metadata.output.responsesFile).toBe(`files/${tagId("batch-q1w2e3", PRINT)}`);
    expect(operation.response.responsesFile).toBe(operation.metadata.output.responsesFile);
    expect(operation.metadata.output.inlinedResponses.inlinedResponses[0]?.response.name).toBe(
      "files/untouched",
    );
  });

  it("tags the store inside a document's and an operation's names, and leaves an id already tagged alone", () => {
    const store = tagId("notes-abcdefghijkl", PRINT);
    const operation = {
      name: "fileSearchStores/notes-abcdefghijkl/upload/operations/op1",
      response: {
        parent: "fileSearchStores/notes-abcdefghijkl",
        documentName: "fileSearchStores/notes-abcdefghijkl/documents/a-txt-123",
      },
    };
    tagResource("fileSearchStores", operation, PRINT);
    expect(operation.name).toBe(`fileSearchStores/${store}/upload/operations/op1`);
    expect(operation.response.parent).toBe(`fileSearchStores/${store}`);
    expect(operation.response.documentName).toBe(`fileSearchStores/${store}/documents/a-txt-123`);
    const again = { name: `fileSearchStores/${store}` };
    tagResource("fileSearchStores", again, "ffffffff");
    expect(again.name).toBe(`fileSearchStores/${store}`);
  });

  it("leaves a store id untagged when the tag would pass Google's 40 characters", () => {
    const long = "a-display-name-of-many-words-abcdefghijk"; // 39 characters
    const resource = { name: `fileSearchStores/${long}` };
    tagResource("fileSearchStores", resource, PRINT);
    expect(resource.name).toBe(`fileSearchStores/${long}`);
  });
});

describe("resourcesInBody", () => {
  it("finds a batch's input file, its inline requests' caches and files, and puts Google's ids back", () => {
    const file = tagId("input12345", PRINT);
    const cache = tagId("c".repeat(40), PRINT);
    const body = {
      batch: {
        inputConfig: {
          fileName: `files/${file}`,
          requests: {
            requests: [{ request: { cachedContent: `cachedContents/${cache}` } }],
          },
        },
      },
    };
    const named = resourcesInBody(body);
    expect(named.map((resource) => resource.ref.name)).toEqual([
      `files/${file}`,
      `cachedContents/${cache}`,
    ]);
    for (const resource of named) resource.untag();
    expect(body.batch.inputConfig.fileName).toBe("files/input12345");
    expect(body.batch.inputConfig.requests.requests[0]?.request.cachedContent).toBe(
      `cachedContents/${"c".repeat(40)}`,
    );
  });

  it("finds the stores a fileSearch tool names (generateContent's and the Interactions API's spelling)", () => {
    const store = tagId("notes-abcdefghijkl", PRINT);
    const body = {
      tools: [
        { fileSearch: { fileSearchStoreNames: [`fileSearchStores/${store}`] } },
        { type: "file_search", file_search_store_names: [`fileSearchStores/${store}`] },
      ],
    };
    const named = resourcesInBody(body);
    expect(named.map((resource) => [resource.ref.collection, resource.ref.print])).toEqual([
      ["fileSearchStores", PRINT],
      ["fileSearchStores", PRINT],
    ]);
    for (const resource of named) resource.untag();
    expect(body.tools[0]?.fileSearch?.fileSearchStoreNames).toEqual([
      "fileSearchStores/notes-abcdefghijkl",
    ]);
    expect(body.tools[1]?.file_search_store_names).toEqual(["fileSearchStores/notes-abcdefghijkl"]);
    expect(readTag(store)?.id).toBe("notes-abcdefghijkl");
  });
});

describe("resourcesInInteraction", () => {
  it("finds the stores an interaction's file_search tool names, and puts Google's ids back", () => {
    const store = tagId("notes-abcdefghijkl", PRINT);
    const body = {
      input: "When?",
      tools: [{ type: "file_search", file_search_store_names: [`fileSearchStores/${store}`] }],
    };
    const named = resourcesInInteraction(body);
    expect(named.map((resource) => resource.ref.name)).toEqual([`fileSearchStores/${store}`]);
    for (const resource of named) resource.untag();
    expect(body.tools[0]?.file_search_store_names).toEqual(["fileSearchStores/notes-abcdefghijkl"]);
  });
});

describe("resourcePath", () => {
  it("builds verbs and a store's children from checked ids only", () => {
    expect(resourcePath("batches", "b1", { verb: "cancel" })).toBe("/v1beta/batches/b1:cancel");
    expect(resourcePath("files", "f1", { verb: "download" })).toBe("/v1beta/files/f1:download");
    expect(
      resourcePath("fileSearchStores", "s1", { upload: true, verb: "uploadToFileSearchStore" }),
    ).toBe("/upload/v1beta/fileSearchStores/s1:uploadToFileSearchStore");
    expect(
      resourcePath("fileSearchStores", "s1", {
        child: { collection: "upload/operations", id: "o" },
      }),
    ).toBe("/v1beta/fileSearchStores/s1/upload/operations/o");
    expect(() =>
      resourcePath("fileSearchStores", "s1", { child: { collection: "documents", id: "../x" } }),
    ).toThrow(expect.objectContaining({ status: 400 }));
  });
});
