import { ApiError, createPartFromUri, GoogleGenAI } from "@google/genai";
import { afterEach, describe, expect, it } from "vitest";
import { readTag } from "../../common/resource-tag.ts";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { PASS, startTopology, type Topology } from "../support/topology.ts";

/**
 * What key affinity promises beyond the happy path: a parked owner answers its own 429, and
 * tags keep working when keys move between backends (re-sharding), with or without the
 * orchestrator's BACKEND_KEYS.
 */
const MODEL = "gemini-2.5-flash";
const KEYS = ["k-1", "k-2", "k-3", "k-4", "k-5", "k-6"];
const PROJECTS = KEYS.map((key) => ({ id: `project-${key}`, keys: [key] }));

let emulator: Emulator | undefined;
const running: Topology[] = [];
afterEach(async () => {
  for (const topology of running.splice(0)) await topology.close();
  await emulator?.close();
  emulator = undefined;
});

async function topologyOf(shards: string[][], keyMap = true) {
  emulator ??= await startEmulator({ keys: KEYS, projects: PROJECTS });
  const topology = await startTopology({ shards, existingEmulator: emulator, keyMap });
  running.push(topology);
  return {
    topology,
    genai: new GoogleGenAI({ apiKey: PASS, httpOptions: { baseUrl: topology.url } }),
  };
}

const ask = (genai: GoogleGenAI, uri: string) =>
  genai.models.generateContent({
    model: MODEL,
    contents: [
      { role: "user", parts: [createPartFromUri(uri, "text/plain"), { text: "Read it" }] },
    ],
  });

function creatorOf(emulator: Emulator): string | undefined {
  return emulator
    .requests()
    .filter((request) => request.path.includes("upload_id") && request.status === 200)
    .at(-1)?.key;
}

describe("key affinity", () => {
  it("answers the owner's own 429 with Retry-After when the key that made a file is rate-limited", async () => {
    const { topology, genai } = await topologyOf([KEYS.slice(0, 3), KEYS.slice(3)]);
    const file = await genai.files.upload({ file: new Blob(["hello"], { type: "text/plain" }) });
    const owner = creatorOf(topology.emulator) ?? "";
    topology.emulator.setKeyBehavior(owner, { kind: "rate-limit", retryDelaySeconds: 42 });
    const before = topology.emulator.requests().length;
    const error = await ask(genai, file.uri ?? "").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    const raw = await fetch(`${topology.url}/v1beta/models/${MODEL}:generateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ parts: [{ fileData: { fileUri: file.uri } }] }] }),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get("retry-after"))).toBeGreaterThan(0);
    // Only the owner was asked (once; then it was parked), never another project's key.
    const asked = topology.emulator.requests().slice(before);
    expect(asked.map((request) => request.key)).toEqual([owner]);
  });

  it.each([
    ["with", true],
    ["without", false],
  ])(
    "keeps tags working after re-sharding moves keys between backends (%s BACKEND_KEYS)",
    async (_, keyMap) => {
      const first = await topologyOf([KEYS.slice(0, 2), KEYS.slice(2, 4)]);
      const file = await first.genai.files.upload({
        file: new Blob(["moving day"], { type: "text/plain" }),
      });
      const cache = await first.genai.caches.create({
        model: MODEL,
        config: {
          contents: [{ role: "user", parts: [{ text: Array(1100).fill("w").join(" ") }] }],
        },
      });
      await first.topology.close();
      running.splice(0);
      // Keys added and shards re-planned: every key now sits on another backend.
      const second = await topologyOf(
        [
          ["k-5", "k-4"],
          ["k-1", "k-6"],
          ["k-3", "k-2"],
        ],
        keyMap,
      );
      const got = await second.genai.files.get({ name: file.name ?? "" });
      expect(got.name).toBe(file.name);
      for (let round = 0; round < 3; round++) {
        expect((await ask(second.genai, file.uri ?? "")).text).toBeTruthy();
        const answer = await second.genai.models.generateContent({
          model: MODEL,
          contents: "and now?",
          config: { cachedContent: cache.name },
        });
        expect(answer.usageMetadata?.cachedContentTokenCount).toBe(1100);
      }
      const refused = (emulator?.requests() ?? []).filter((request) => request.status === 403);
      expect(refused).toEqual([]);
      expect(readTag(file.name?.slice(6) ?? "")).not.toBeNull();
    },
  );
});
