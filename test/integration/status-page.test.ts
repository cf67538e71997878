import { mkdirSync } from "node:fs";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "../support/chromium.ts";
import { PASS, startTopology, type Topology } from "../support/topology.ts";
import { ROOT } from "../support/workerd.ts";

/**
 * Two backends whose keys the emulator treats five ways: fine, rate-limited now, suspended,
 * no quota at all for the model (limit: 0), and not a valid key.
 */
const KEYS = {
  ok: "status-key-ok",
  limited: "status-key-limited",
  suspended: "status-key-suspended",
  noQuota: "status-key-noquota",
  invalid: "status-key-invalid",
};

/** The repository secrets the user put them in, as the deploy tooling passes them (KEY_NAMES). */
const NAMES = [
  ["KEY10", "KEY2", "KEY31"],
  ["KEY4", "KEY7"],
];

let topology: Topology;
const logLines: string[] = [];
beforeAll(async () => {
  topology = await startTopology({
    shards: [
      [KEYS.ok, KEYS.limited, KEYS.suspended],
      [KEYS.noQuota, KEYS.invalid],
    ],
    keyNames: NAMES,
    onLog: (line) => logLines.push(line),
    emulator: {
      quota: {
        projects: [
          { number: "101", keys: [KEYS.ok, KEYS.limited, KEYS.suspended] },
          {
            number: "202",
            keys: [KEYS.noQuota],
            limits: { "gemini-3.8-flash": { rpm: 0, rpd: 0 } },
          },
        ],
        refusals: { [KEYS.suspended]: "suspended", [KEYS.invalid]: "invalid" },
      },
    },
  });
  topology.emulator.setKeyBehavior(KEYS.limited, { kind: "rate-limit", retryDelaySeconds: 40 });
});
afterAll(() => topology.close());

const auth = { authorization: `Bearer ${PASS}` };

interface Report {
  backends: {
    index: number;
    reachable: boolean;
    keys: {
      index: number;
      fingerprint: string;
      name?: string;
      state: string;
      reason: string | null;
      model: string | null;
      until: string | null;
    }[];
  }[];
  totals: Record<string, number>;
}

describe("GET /status.json", () => {
  it("needs PASS: none or a wrong one is a 401, and the page itself holds no data", async () => {
    expect((await fetch(`${topology.url}/status.json`)).status).toBe(401);
    const wrong = await fetch(`${topology.url}/status.json`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);
    const page = await fetch(`${topology.url}/status`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).not.toContain(KEYS.ok);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
  });

  it("shows every key's state after a live probe, by index and fingerprint only", async () => {
    const response = await fetch(`${topology.url}/status.json?probe=1`, { headers: auth });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    const report = JSON.parse(text) as Report;
    expect(report.backends.map((backend) => backend.reachable)).toEqual([true, true]);
    const states = report.backends.flatMap((backend) =>
      backend.keys.map((key) => [`${backend.index}:${key.index}`, key.state, key.reason]),
    );
    expect(states).toEqual([
      ["0:1", "healthy", null],
      ["0:2", "parked", "rate_limited"],
      ["0:3", "suspended", "suspended"],
      ["1:1", "parked", "no_quota_for_model"],
      ["1:2", "invalid", "invalid"],
    ]);
    const limited = report.backends[0]?.keys[1];
    expect(limited?.model).toBe("gemini-3.8-flash");
    expect(Date.parse(limited?.until ?? "") - Date.now()).toBeGreaterThan(30_000);
    expect(report.totals).toMatchObject({
      backends: 2,
      reachable: 2,
      keys: 5,
      healthy: 1,
      parked: 2,
      invalid: 1,
      suspended: 1,
    });
    for (const backend of report.backends) {
      for (const key of backend.keys) expect(key.fingerprint).toMatch(/^[0-9a-f]{6}$/);
    }
  });

  it("names each key by the variable the user set it in, beside its slot in the backend", async () => {
    const response = await fetch(`${topology.url}/status.json`, { headers: auth });
    const report = (await response.json()) as Report;
    expect(
      report.backends.map((backend) => backend.keys.map((key) => [key.index, key.name])),
    ).toEqual([
      [
        [1, "KEY10"],
        [2, "KEY2"],
        [3, "KEY31"],
      ],
      [
        [1, "KEY4"],
        [2, "KEY7"],
      ],
    ]);
  });

  it("names the keys a request tried by the user's names in the request log line, never by value", async () => {
    logLines.length = 0;
    await topology.client.chat.completions
      .create({ model: "gemini-3.8-flash", messages: [{ role: "user", content: "hi" }] })
      .catch(() => undefined);
    // The backend's line (the orchestrator logs its own, naming backends, not keys).
    const keyAttempts = () =>
      logLines
        .filter((line) => line.includes('"path":"/v1/chat/completions"'))
        .flatMap(
          (line) => (JSON.parse(line.slice(line.indexOf("{"))) as { attempts: unknown[] }).attempts,
        )
        .filter((attempt): attempt is string => typeof attempt === "string");
    await expect.poll(() => keyAttempts().length).toBeGreaterThan(0);
    const attempts = keyAttempts();
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) {
      expect(attempt).toMatch(/^(KEY10|KEY2|KEY31|KEY4|KEY7) \([0-9a-f]{6}\):/);
    }
    for (const key of Object.values(KEYS)) {
      for (const line of logLines) expect(line).not.toContain(key);
    }
  });

  it("keeps a backend's status route away from the public internet", async () => {
    // Through the orchestrator the internal path is just another unknown route of the backend.
    const response = await fetch(`${topology.url}/_internal/status`, { headers: auth });
    expect(response.status).toBe(404);
  });
});

describe("the status page in a real browser (the Chromium that npm install brings)", () => {
  let browser: Browser;
  beforeAll(async () => {
    const { executablePath, args, env } = await chromium();
    browser = await puppeteer.launch({
      executablePath,
      headless: "shell",
      args,
      env: { ...process.env, ...env },
    });
  }, 120_000);
  afterAll(() => browser?.close());

  it("asks for PASS once, renders each backend's keys and totals, and probes on request", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 760 });
    await page.goto(`${topology.url}/status`);
    await page.waitForSelector("#login:not([hidden])");
    await page.type("#pass", PASS);
    await page.click("#login button[type=submit]");
    await page.waitForSelector("[data-backend='1'] tbody tr");
    await page.click("#probe");
    await page.waitForFunction(
      () => document.querySelector("[data-key='0:1'] td:last-child")?.textContent === "ok",
    );
    const rows = await page.$$eval("tbody tr", (trs) =>
      trs.map((tr) => [tr.getAttribute("data-key"), tr.querySelector(".state")?.textContent]),
    );
    expect(rows).toEqual([
      ["0:1", "healthy"],
      ["0:2", "parked"],
      ["0:3", "suspended"],
      ["1:1", "parked"],
      ["1:2", "invalid"],
    ]);
    // The name the user set, and below it where the backend holds the key.
    const names = await page.$$eval("tbody tr td.key-name", (cells) =>
      cells.map((cell) => [
        cell.firstChild?.textContent,
        cell.querySelector(".muted")?.textContent,
      ]),
    );
    expect(names).toEqual([
      ["KEY10", "slot KEY1"],
      ["KEY2", "slot KEY2"],
      ["KEY31", "slot KEY3"],
      ["KEY4", "slot KEY1"],
      ["KEY7", "slot KEY2"],
    ]);
    const healthy = await page.$eval("[data-total='healthy'] b", (node) => node.textContent);
    expect(healthy).toBe("1");
    // PASS lives in this tab's session storage, never in the URL.
    expect(page.url()).not.toContain(PASS);
    expect(await page.evaluate(() => sessionStorage.getItem("zen-ai-router-pass"))).toBe(PASS);
    const directory = join(ROOT, "test", "output");
    mkdirSync(directory, { recursive: true });
    await page.screenshot({ path: join(directory, "status-page.png"), fullPage: true });
  });
});
