import { describe, expect, it } from "vitest";
import {
  type Backend,
  discoverBackends,
  parseWeights,
  resolveBackends,
} from "../../../orchestrator/src/backends.ts";

const fakeBackend = (): Backend => ({ fetch: async () => new Response("ok") });

describe("discoverBackends", () => {
  it("orders backends by the number in their name, so BACKEND_SERVICE_10 comes after _9", () => {
    const env: Record<string, unknown> = {};
    for (const index of [10, 2, 9, 0, 1, 11]) env[`BACKEND_SERVICE_${index}`] = fakeBackend();
    expect(discoverBackends(env).map((entry) => entry.index)).toEqual([0, 1, 2, 9, 10, 11]);
    expect(discoverBackends(env).map((entry) => entry.name)[4]).toBe("BACKEND_SERVICE_10");
  });

  it("ignores bindings with other names and values that are not services", () => {
    const env = {
      BACKEND_SERVICE_0: fakeBackend(),
      BACKEND_SERVICE_1: "not a service",
      BACKEND_SERVICE_X: fakeBackend(),
      MY_BACKEND_SERVICE_2: fakeBackend(),
      BACKEND_SERVICE_3_OLD: fakeBackend(),
      BACKEND_WEIGHTS: "{}",
      PASS: "secret",
    };
    expect(discoverBackends(env).map((entry) => entry.name)).toEqual(["BACKEND_SERVICE_0"]);
  });

  it("finds nothing in an empty environment", () => {
    expect(discoverBackends({})).toEqual([]);
  });
});

describe("parseWeights", () => {
  it("reads a JSON map of binding name to key count", () => {
    expect(parseWeights('{"BACKEND_SERVICE_0":6,"BACKEND_SERVICE_1":5}')).toEqual({
      ok: true,
      weights: { BACKEND_SERVICE_0: 6, BACKEND_SERVICE_1: 5 },
    });
  });

  it("accepts an already parsed object (a JSON var in wrangler.toml)", () => {
    expect(parseWeights({ BACKEND_SERVICE_0: 8 })).toEqual({
      ok: true,
      weights: { BACKEND_SERVICE_0: 8 },
    });
  });

  it("rejects invalid JSON, non-objects and non-positive counts with a reason", () => {
    expect(parseWeights("{not json")).toMatchObject({ ok: false, reason: /not valid JSON/ });
    expect(parseWeights("[1,2]")).toMatchObject({ ok: false, reason: /not a JSON object/ });
    expect(parseWeights('{"BACKEND_SERVICE_0":0}')).toMatchObject({
      ok: false,
      reason: /BACKEND_SERVICE_0.*positive/,
    });
    expect(parseWeights('{"BACKEND_SERVICE_0":"6"}')).toMatchObject({ ok: false });
    expect(parseWeights(undefined)).toMatchObject({ ok: false, reason: /not set/ });
  });
});

describe("resolveBackends", () => {
  const three = () => ({
    BACKEND_SERVICE_0: fakeBackend(),
    BACKEND_SERVICE_1: fakeBackend(),
    BACKEND_SERVICE_2: fakeBackend(),
  });

  it("weighs each backend by its key count when BACKEND_WEIGHTS covers them all", () => {
    const pool = resolveBackends({
      ...three(),
      BACKEND_WEIGHTS: '{"BACKEND_SERVICE_0":8,"BACKEND_SERVICE_1":8,"BACKEND_SERVICE_2":1}',
    });
    expect(pool.weighting).toBe("keys");
    expect(pool.warning).toBeNull();
    expect(pool.backends.map((entry) => entry.weight)).toEqual([8, 8, 1]);
  });

  it("falls back to uniform weights with a warning when the JSON is invalid", () => {
    const pool = resolveBackends({ ...three(), BACKEND_WEIGHTS: "{oops" });
    expect(pool.weighting).toBe("uniform");
    expect(pool.warning).toMatch(/not valid JSON/);
    expect(pool.backends.map((entry) => entry.weight)).toEqual([1, 1, 1]);
  });

  it("falls back to uniform weights, naming the binding, when one is missing from the map", () => {
    const pool = resolveBackends({
      ...three(),
      BACKEND_WEIGHTS: '{"BACKEND_SERVICE_0":6,"BACKEND_SERVICE_1":6}',
    });
    expect(pool.weighting).toBe("uniform");
    expect(pool.warning).toMatch(/BACKEND_SERVICE_2/);
    expect(pool.backends.map((entry) => entry.weight)).toEqual([1, 1, 1]);
  });

  it("ignores entries for bindings that do not exist", () => {
    const pool = resolveBackends({
      BACKEND_SERVICE_0: fakeBackend(),
      BACKEND_WEIGHTS: '{"BACKEND_SERVICE_0":3,"BACKEND_SERVICE_7":8}',
    });
    expect(pool.backends.map((entry) => [entry.name, entry.weight])).toEqual([
      ["BACKEND_SERVICE_0", 3],
    ]);
  });

  it("uses uniform weights silently when BACKEND_WEIGHTS is not set", () => {
    const pool = resolveBackends(three());
    expect(pool.weighting).toBe("uniform");
    expect(pool.warning).toBeNull();
  });
});
