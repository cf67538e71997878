import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signToken, type TokenClaims } from "../../common/user-token.ts";
import { type FakeAnalyticsSql, startFakeAnalyticsSql } from "../support/fake-analytics-sql.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * Per-user tokens through the production topology in workerd: accepted in every surface's auth
 * style, refused when tampered with, expired, revoked or outside their models, rate-limited per
 * token by the Rate Limiting binding, and one usage data point per answered request written to a
 * fake Analytics Engine dataset (a wrapped binding that hands each point to this test).
 */
const TOKEN_SECRET = "test-token-secret-0123456789abcdef0123456789";
const MODEL = "gemini-3-flash-preview";

interface Point {
  indexes: string[];
  blobs: string[];
  doubles: number[];
}
const points: Point[] = [];

/** The fake dataset: its writeDataPoint posts the point to SINK, a function in this process. */
const DATASET_SCRIPT = `export default function (env) {
  return { writeDataPoint(point) { return env.SINK.fetch("http://sink/", { method: "POST", body: JSON.stringify(point) }); } };
}`;

let topology: Topology;
let analytics: FakeAnalyticsSql;
const now = () => Math.floor(Date.now() / 1000);

const token = (claims: Partial<TokenClaims> & { id: string }, secret = TOKEN_SECRET) =>
  signToken({ name: `user-${claims.id}`, iat: now(), ...claims }, secret);

beforeAll(async () => {
  analytics = await startFakeAnalyticsSql();
  const tokenBindings = { TOKEN_SECRET, REVOKED_TOKENS: "revoked1, revoked2" };
  topology = await startTopology({
    shards: shardKeys([2, 1]),
    orchestratorBindings: {
      ...tokenBindings,
      RATE_LIMITS: "3,600",
      // The status page's usage, read through a read-only analytics token.
      ANALYTICS_API_TOKEN: analytics.token,
      CLOUDFLARE_ACCOUNT_ID: analytics.accountId,
      CLOUDFLARE_API_BASE_URL: analytics.baseUrl,
    },
    backendBindings: {
      ...tokenBindings,
      ANTHROPIC_MODEL_MAP: JSON.stringify({ sonnet: MODEL, opus: "gemini-3.1-pro-preview" }),
    },
    orchestratorExtras: {
      ratelimits: {
        RATE_LIMIT_3: { simple: { limit: 3, period: 60 } },
        RATE_LIMIT_600: { simple: { limit: 600, period: 60 } },
      },
      wrappedBindings: { USAGE: "usage-dataset" },
    },
    backendExtras: { wrappedBindings: { USAGE: "usage-dataset" } },
    wrappedWorkers: [
      {
        name: "usage-dataset",
        wrapped: true,
        script: DATASET_SCRIPT,
        serviceBindings: {
          SINK: async (request: Request) => {
            points.push((await request.json()) as Point);
            return new Response(null, { status: 204 });
          },
        },
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await topology?.close();
  await analytics?.close();
});
beforeEach(() => {
  points.length = 0;
});

const openai = (apiKey: string) =>
  new OpenAI({ baseURL: `${topology.url}/v1`, apiKey, maxRetries: 0 });
const anthropic = (apiKey: string) =>
  new Anthropic({ baseURL: topology.url, apiKey, maxRetries: 0 });
const chat = (apiKey: string, model = MODEL) =>
  openai(apiKey).chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] });
const native = (init: { key?: string; header?: string; bearer?: string }, model = MODEL) =>
  fetch(
    `${topology.url}/v1beta/models/${model}:generateContent${init.key ? `?key=${init.key}` : ""}`,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(init.header && { "x-goog-api-key": init.header }),
        ...(init.bearer && { authorization: `Bearer ${init.bearer}` }),
      },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    },
  );

/** Points are written after the answer (waitUntil): wait until `count` have arrived. */
async function pointsArrive(count: number): Promise<Point[]> {
  for (let tries = 0; tries < 200 && points.length < count; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // …and no more than that
  return [...points];
}

describe("a per-user token", () => {
  it("is accepted as a bearer (OpenAI), x-api-key (Anthropic), x-goog-api-key and ?key= (Gemini)", async () => {
    const value = await token({ id: "every1" });
    const answer = await chat(value);
    expect(answer.choices[0]?.message.content).toBeTruthy();
    const message = await anthropic(value).messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 64,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(message.content[0]?.type).toBe("text");
    expect((await native({ header: value })).status).toBe(200);
    expect((await native({ key: value })).status).toBe(200);
    expect((await native({ bearer: value })).status).toBe(200);
  });

  it("is refused with a 401 in each API's shape when tampered with, without reaching Gemini", async () => {
    const value = await token({ id: "tamper1", models: ["gemini-3*"] });
    const [head, claims, signature] = value.split(".") as [string, string, string];
    const widened = Buffer.from(
      JSON.stringify({ id: "tamper1", name: "x", iat: now(), models: ["*"] }),
    ).toString("base64url");
    const forged = [
      `${head}.${widened}.${signature}`,
      `${head}.${claims}.${signature.slice(0, -2)}AA`,
      await token({ id: "other" }, "another-secret-0123456789abcdef0123456789"),
    ];
    const before = topology.emulator.requests().length;
    for (const credential of forged) {
      await expect(chat(credential)).rejects.toMatchObject({
        status: 401,
        error: { type: "authentication_error" },
      });
      await expect(
        anthropic(credential).messages.create({
          model: "claude-sonnet-4-5",
          max_tokens: 8,
          messages: [{ role: "user", content: "hi" }],
        }),
      ).rejects.toMatchObject({ status: 401, error: { error: { type: "authentication_error" } } });
      const response = await native({ header: credential });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { status: "UNAUTHENTICATED" } });
    }
    expect(topology.emulator.requests().length).toBe(before);
  });

  it("is refused once expired, and once its id is in REVOKED_TOKENS, saying which", async () => {
    const expired = await token({ id: "late1", exp: now() - 5 });
    await expect(chat(expired)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("expired"),
    });
    const revoked = await token({ id: "revoked2" });
    await expect(chat(revoked)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("revoked"),
    });
    // The backend checks too: a request that reaches it without the orchestrator is refused alike.
    const backend = await topology.workers.miniflare.getWorker("b0");
    const direct = await backend.fetch("http://backend/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${revoked}`, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(direct.status).toBe(401);
  });

  it("may use only its models: the model that would serve the request, after mapping", async () => {
    const value = await token({ id: "flash1", models: ["gemini-3-flash*"] });
    await expect(chat(value)).resolves.toBeTruthy();
    await expect(chat(value, "gemini-3.1-pro-preview")).rejects.toMatchObject({
      status: 403,
      error: { type: "permission_error", param: "model" },
      message: expect.stringContaining("gemini-3.1-pro-preview"),
    });
    // Claude names are judged by the Gemini model ANTHROPIC_MODEL_MAP gives them.
    const client = anthropic(value);
    const ask = (model: string) =>
      client.messages.create({ model, max_tokens: 8, messages: [{ role: "user", content: "hi" }] });
    await expect(ask("claude-sonnet-4-5")).resolves.toBeTruthy();
    await expect(ask("claude-opus-4-1")).rejects.toMatchObject({
      status: 403,
      error: { error: { type: "permission_error" } },
    });
    const response = await native({ header: value }, "gemini-3.1-pro-preview");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { status: "PERMISSION_DENIED" } });
  });

  it("is held to its rate limit per token, with 429 and Retry-After, while others go on", async () => {
    const limited = await token({ id: "rl1", rpm: 3 });
    const other = await token({ id: "rl2", rpm: 3 });
    for (let request = 0; request < 3; request++) await chat(limited);
    const refused = await fetch(`${topology.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${limited}`, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { type: "rate_limit_error" } });
    await expect(
      anthropic(limited).messages.create({
        model: "claude-sonnet-4-5",
        max_tokens: 8,
        messages: [{ role: "user", content: "hi" }],
      }),
    ).rejects.toMatchObject({ status: 429, error: { error: { type: "rate_limit_error" } } });
    await expect(chat(other)).resolves.toBeTruthy();
  });

  it("naming a rate limit the deployment does not offer is refused", async () => {
    const value = await token({ id: "rl3", rpm: 7 });
    await expect(chat(value)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("RATE_LIMITS"),
    });
  });

  it("cannot read the pool's status, which stays PASS's", async () => {
    const value = await token({ id: "status1" });
    const refused = await fetch(`${topology.url}/status.json`, {
      headers: { authorization: `Bearer ${value}` },
    });
    expect(refused.status).toBe(403);
    const admin = await fetch(`${topology.url}/status.json`, {
      headers: { authorization: `Bearer ${PASS}` },
    });
    expect(admin.status).toBe(200);
  });
});

describe("usage data points", () => {
  it("are written once for every answered request: who, what, which key, tokens, status", async () => {
    const alice = await token({ id: "alice1", name: "alice", models: ["gemini-3-flash*"] });
    await chat(alice);
    const stream = await openai(alice).chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    for await (const _ of stream);
    await expect(chat(alice, "gemini-3.1-pro-preview")).rejects.toMatchObject({ status: 403 });
    await expect(chat("wrong")).rejects.toMatchObject({ status: 401 });
    await chat(PASS);
    const written = await pointsArrive(5);
    expect(written.map((point) => [point.blobs, point.doubles[0]])).toHaveLength(5);
    const byStatus = (status: number, token: string) =>
      written.filter((point) => point.doubles[0] === status && point.blobs[0] === token);
    const answered = byStatus(200, "alice");
    expect(answered).toHaveLength(2);
    for (const point of answered) {
      expect(point.indexes).toEqual(["alice1"]);
      expect(point.blobs.slice(1, 4)).toEqual(["alice1", "chat", MODEL]);
      expect(point.blobs[4]).toMatch(/^gemini-/); // the model that served it (modelVersion)
      expect(point.blobs[5]).toMatch(/^[0-9a-f]{6}$/); // the key's fingerprint, never the key
      expect(point.blobs[6]).toBe("backend");
      expect(point.doubles[1]).toBeGreaterThan(0); // prompt tokens
      expect(point.doubles[2]).toBeGreaterThan(0); // completion tokens
    }
    expect(byStatus(403, "alice")).toHaveLength(1);
    expect(byStatus(401, "-")).toEqual([
      expect.objectContaining({ blobs: expect.arrayContaining(["orchestrator", "chat"]) }),
    ]);
    expect(byStatus(200, "admin")).toHaveLength(1);
    expect(JSON.stringify(written)).not.toContain(TOKEN_SECRET);
    for (const key of topology.shards.flat()) expect(JSON.stringify(written)).not.toContain(key);
  });

  it("count a created interaction's tokens, whole and streamed (Interactions API usage)", async () => {
    const create = (stream: boolean) =>
      fetch(`${topology.url}/v1/interactions`, {
        method: "POST",
        headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
        body: JSON.stringify({ model: MODEL, input: "Say something short.", stream }),
      });
    const whole = await create(false);
    expect(whole.status).toBe(200);
    const id = ((await whole.json()) as { id: string }).id;
    const streamed = await create(true);
    await streamed.text();
    // Reading it back costs nothing new.
    expect(
      (
        await fetch(`${topology.url}/v1/interactions/${id}`, {
          headers: { "x-goog-api-key": PASS },
        })
      ).status,
    ).toBe(200);
    const written = await pointsArrive(3);
    expect(written).toHaveLength(3);
    const [first, second, read] = written;
    for (const point of [first, second]) {
      expect(point?.blobs[3]).toBe(MODEL);
      expect(point?.doubles[1]).toBeGreaterThan(0); // prompt tokens
      expect(point?.doubles[2]).toBeGreaterThan(0); // completion tokens
    }
    expect(read?.doubles[1]).toBe(0);
    expect(read?.doubles[2]).toBe(0);
  });

  it("are written by the orchestrator when every backend failed over, and by no backend", async () => {
    for (const key of topology.shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 30 });
    }
    try {
      await expect(chat(PASS)).rejects.toMatchObject({ status: 429 });
    } finally {
      for (const key of topology.shards.flat()) topology.emulator.setKeyBehavior(key, null);
    }
    const written = await pointsArrive(1);
    expect(written).toHaveLength(1);
    expect(written[0]?.blobs[6]).toBe("orchestrator");
    expect(written[0]?.doubles[0]).toBe(429);
  });
});

describe("the status page's usage", () => {
  it("shows the last 24 h by token and by key, read with the orchestrator's analytics token", async () => {
    const at = Date.now() - 3_600_000;
    analytics.points.push(
      {
        blobs: ["alice", "a1", "chat", "m", "m", "a1b2c3", "backend"],
        doubles: [200, 5, 7, 1, 90],
        timestamp: at,
      },
      {
        blobs: ["alice", "a1", "chat", "m", "m", "d4e5f6", "backend"],
        doubles: [429, 0, 0, 0, 10],
        timestamp: at,
      },
    );
    const response = await fetch(`${topology.url}/status.json`, {
      headers: { authorization: `Bearer ${PASS}` },
    });
    const report = (await response.json()) as {
      usage: { hours: number; byToken: unknown[]; byKey: { group: string }[] };
    };
    expect(report.usage.hours).toBe(24);
    expect(report.usage.byToken).toEqual([
      {
        group: "alice",
        requests: 2,
        errors: 1,
        promptTokens: 5,
        completionTokens: 7,
        thinkingTokens: 1,
        averageLatencyMs: 50,
      },
    ]);
    expect(report.usage.byKey.map((row) => row.group).sort()).toEqual(["a1b2c3", "d4e5f6"]);
    expect(JSON.stringify(report)).not.toContain(analytics.token);
    // The page renders it: its script reads report.usage into a table per grouping.
    const page = await (await fetch(`${topology.url}/status`)).text();
    expect(page).toMatch(/renderUsage\(report\.usage\b/);
  });
});
