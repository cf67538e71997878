import { GoogleGenAI } from "@google/genai";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keyPrint } from "../../../common/key-fingerprint.ts";
import { MAX_FILE_ID_LENGTH, readTag, TAG_LENGTH, tagId } from "../../../common/resource-tag.ts";
import { keyPrintOf } from "../../../deploy/fingerprint.ts";

const PRINT = "a1b2c3d4";

describe("resource tags", () => {
  it("round-trips any id and print", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9-]{1,40}$/),
        fc.stringMatching(/^[0-9a-f]{8}$/),
        (id, print) => {
          expect(readTag(tagId(id, print))).toEqual({ id, print });
        },
      ),
    );
  });

  it("keeps a generated 12-character file id within Google's 40-character limit, in [a-z0-9]", () => {
    const tagged = tagId("2wf3cf1fb9g4", PRINT);
    expect(tagged).toHaveLength(12 + TAG_LENGTH);
    expect(tagged.length).toBeLessThanOrEqual(MAX_FILE_ID_LENGTH);
    expect(tagged).toMatch(/^[a-z0-9]+$/);
  });

  it("finds no tag in untagged ids, a changed print or a changed id", () => {
    expect(readTag("2wf3cf1fb9g4")).toBeNull();
    expect(readTag("abc")).toBeNull();
    const tagged = tagId("2wf3cf1fb9g4", PRINT);
    expect(readTag(tagged.replace(PRINT, "a1b2c3d5"))).toBeNull();
    expect(readTag(`x${tagged.slice(1)}`)).toBeNull();
    expect(readTag(tagged.toUpperCase())).toBeNull();
  });

  it("mistakes few random hex-ending ids for tags (the check digits)", () => {
    let mistaken = 0;
    for (let index = 0; index < 20_000; index++) {
      const id = `f${index.toString(36)}${(index * 2654435761).toString(16).padStart(12, "0").slice(-12)}`;
      if (readTag(id)) mistaken++;
    }
    expect(mistaken).toBeLessThan(5);
  });

  it("computes the same print in the workers (Web Crypto) as in the deploy tooling (node:crypto)", async () => {
    for (const key of ["AIzaSyExample-1", "emulator-key-1", "k"]) {
      const print = await keyPrint(key);
      expect(print).toMatch(/^[0-9a-f]{8}$/);
      expect(print).toBe(keyPrintOf(key));
    }
  });
});

describe("@google/genai reads tagged names as they are", () => {
  const fetched: string[] = [];
  afterEach(() => {
    vi.unstubAllGlobals();
    fetched.length = 0;
  });

  function sdk() {
    vi.stubGlobal("fetch", async (input: string | URL | Request) => {
      fetched.push(new URL(input instanceof Request ? input.url : input).pathname);
      return Response.json({ name: "files/x" });
    });
    return new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: "http://gateway.test" } });
  }

  it("a file by name, by URI and by File object; a cache by name", async () => {
    const genai = sdk();
    const file = tagId("2wf3cf1fb9g4", PRINT);
    const cache = tagId("ez2yh6u6my9gnjvyigtxvnuf6e5qc79vgd7cc668", PRINT);
    const uri = `https://generativelanguage.googleapis.com/v1beta/files/${file}`;
    await genai.files.get({ name: `files/${file}` });
    await genai.files.get({ name: uri });
    await genai.files.delete({ name: file });
    await genai.caches.get({ name: `cachedContents/${cache}` });
    await genai.caches.delete({ name: cache });
    expect(fetched.map((path) => path.replace(/^\/v1(beta)?\//, ""))).toEqual([
      `files/${file}`,
      `files/${file}`,
      `files/${file}`,
      `cachedContents/${cache}`,
      `cachedContents/${cache}`,
    ]);
  });
});
