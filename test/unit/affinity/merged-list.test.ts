import { describe, expect, it } from "vitest";
import { tagId } from "../../../common/resource-tag.ts";
import { decodeListToken, encodeListToken } from "../../../src/affinity/merged-list.ts";
import { resourcesInBody } from "../../../src/affinity/tag-resources.ts";

describe("merged listing page tokens", () => {
  it("round-trip a position and start with the key's print (what the orchestrator routes by)", () => {
    const position = { print: "a1b2c3d4", upstreamToken: "Google's/token+=", seen: ["0011aabb"] };
    const token = encodeListToken(position);
    expect(token.slice(0, 8)).toBe("a1b2c3d4");
    expect(token).toMatch(/^[0-9a-f]{8}[A-Za-z0-9_-]*$/);
    expect(decodeListToken(token)).toEqual(position);
  });

  it.each(["", "a1b2c3d4!!", "zzzzzzzz", `a1b2c3d4${"A".repeat(5000)}`, "a1b2c3d4bm90anNvbg"])(
    "answers 400 naming pageToken for %s",
    (token) => {
      expect(() => decodeListToken(token)).toThrow(expect.objectContaining({ param: "pageToken" }));
    },
  );
});

describe("resources named in a generate body", () => {
  it("finds the cache and every Gemini file URI, and puts Google's ids back", () => {
    const file = tagId("abc123", "a1b2c3d4");
    const cache = tagId("ez2yh6u6my9gnjvyigtxvnuf6e5qc79vgd7cc668", "a1b2c3d4");
    const body = {
      cachedContent: `cachedContents/${cache}`,
      contents: [
        {
          parts: [
            {
              fileData: {
                fileUri: `https://generativelanguage.googleapis.com/v1beta/files/${file}`,
              },
            },
            { fileData: { fileUri: "https://www.youtube.com/watch?v=x" } },
          ],
        },
      ],
    };
    const named = resourcesInBody(body);
    expect(named.map((resource) => [resource.ref.name, resource.ref.print])).toEqual([
      [`cachedContents/${cache}`, "a1b2c3d4"],
      [`files/${file}`, "a1b2c3d4"],
    ]);
    for (const resource of named) resource.untag();
    expect(body.cachedContent).toBe("cachedContents/ez2yh6u6my9gnjvyigtxvnuf6e5qc79vgd7cc668");
    expect(body.contents[0]?.parts[0]?.fileData.fileUri).toBe(
      "https://generativelanguage.googleapis.com/v1beta/files/abc123",
    );
    expect(body.contents[0]?.parts[1]?.fileData.fileUri).toBe("https://www.youtube.com/watch?v=x");
  });
});
