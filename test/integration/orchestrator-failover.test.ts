import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runBounded, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * Four backends: b0 (3 keys), a broken worker in slot 1, b2 (3 keys), b3 (2 keys). The client
 * must never notice the broken one, nor a backend whose keys are all rate-limited.
 */
const BROKEN = "export default { fetch() { throw new Error('boom') } }";

let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({
    shards: shardKeys([3, 3, 3, 2]),
    replace: { 1: { name: "broken", script: BROKEN } },
  });
});
afterAll(() => topology.close());
afterEach(() => {
  topology.emulator.reset();
  topology.emulator.setOptions({ streamChunks: 4, streamIntervalMs: 0 });
});

const ask = (content = "ping") =>
  topology.client.chat.completions.create({
    model: "gemini-2.5-flash",
    messages: [{ role: "user", content }],
  });

const countsOf = (keys: readonly string[] | undefined) => {
  const counts = topology.emulator.counts();
  return (keys ?? []).map((key) => counts[key] ?? 0);
};

describe("failover between backends", () => {
  it("answers every request although one backend throws", async () => {
    const failures: unknown[] = [];
    await runBounded(120, 8, async (index) => {
      const completion = await ask(`hello ${index}`).catch((error: unknown) => {
        failures.push(error);
        return null;
      });
      if (completion) expect(completion.choices[0]?.message.content).toContain(`hello ${index}`);
    });
    expect(failures).toEqual([]);
    for (const shard of [0, 2, 3]) {
      expect(countsOf(topology.shards[shard]).reduce((sum, count) => sum + count)).toBeGreaterThan(
        0,
      );
    }
  });

  it("answers every request when all keys of one backend are rate-limited", async () => {
    const limited = topology.shards[2] ?? [];
    for (const key of limited) {
      topology.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 30 });
    }
    const failures: unknown[] = [];
    await runBounded(80, 8, (index) =>
      ask(`limited ${index}`).catch((error: unknown) => failures.push(error)),
    );
    expect(failures).toEqual([]);
    // Backend 2 was chosen and refused (429) often enough, and the others took over.
    expect(Math.min(...countsOf(limited))).toBeGreaterThan(0);
    expect(countsOf(topology.shards[0]).reduce((sum, count) => sum + count)).toBeGreaterThan(0);
    expect(countsOf(topology.shards[3]).reduce((sum, count) => sum + count)).toBeGreaterThan(0);
  });
});

describe("streaming through the orchestrator", () => {
  it("delivers the first chunk long before the upstream has finished the stream", async () => {
    topology.emulator.setOptions({ streamChunks: 10, streamIntervalMs: 100 });
    const started = Date.now();
    const stream = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "one two three four five six seven eight nine ten" }],
      stream: true,
    });
    let firstChunkAt = 0;
    let text = "";
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content ?? "";
      // The first piece of text, not a role-only chunk the backend might send up front.
      if (content !== "") firstChunkAt ||= Date.now() - started;
      text += content;
    }
    const finishedAt = Date.now() - started;
    expect(text).toContain("one two three");
    expect(finishedAt).toBeGreaterThanOrEqual(800);
    expect(firstChunkAt).toBeLessThan(finishedAt - 500);
  });
});

describe("the orchestrator's own answers", () => {
  it("refuses a wrong bearer with 401 before any backend or key is used", async () => {
    const client = new OpenAI({ baseURL: `${topology.url}/v1`, apiKey: "wrong", maxRetries: 0 });
    const error = await client.chat.completions
      .create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(countsOf(topology.shards.flat()).every((count) => count === 0)).toBe(true);
  });
});
