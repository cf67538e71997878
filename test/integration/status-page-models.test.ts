import Anthropic from "@anthropic-ai/sdk";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "../support/chromium.ts";
import { PASS, startTopology, type Topology } from "../support/topology.ts";

/**
 * Issue 20 item 3, end to end with a real reroute: the emulator answers gemini-2.5-flash (retired
 * 2026-12-01) with gemini-3.5-flash-lite and says RETIRED in modelStatus, as its model table says;
 * the client learns it from the answer's model and `x-router-model-status`, the request log says
 * so, and the status page lists the model — merged from the backend isolates that saw it.
 */
let topology: Topology;
const logLines: string[] = [];
beforeAll(async () => {
  topology = await startTopology({
    shards: [["models-key-1"], ["models-key-2"]],
    onLog: (line) => logLines.push(line),
  });
});
afterAll(() => topology.close());

interface ModelRow {
  asked: string;
  served?: string;
  stage?: string;
  retirementTime?: string;
  message?: string;
  count: number;
}

describe("a model Google reroutes, on the status page", () => {
  it("tells the client, logs it, and lists it with its stage on /status.json and the page", async () => {
    // Enough requests that both backends answer some (the orchestrator spreads them).
    for (let index = 0; index < 6; index++) {
      const { data, response } = await topology.client.chat.completions
        .create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] })
        .withResponse();
      expect(data.model).toBe("gemini-3.5-flash-lite");
      expect(response.headers.get("x-router-model-status")).toBe(
        "gemini-2.5-flash served by gemini-3.5-flash-lite; stage RETIRED; retirement 2026-12-01T00:00:00Z; gemini-2.5-flash is retired. Requests are answered by gemini-3.5-flash-lite. Use gemini-3.5-flash-lite instead.",
      );
    }
    // Another surface, another rerouted id: Anthropic asking gemini-3.7-flash (deprecated).
    const anthropic = new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: "gemini-3.7-flash",
      max_tokens: 64,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(message.model).toBe("gemini-3.8-flash");
    // A model Google serves as itself, stable: nothing to report.
    const plain = await topology.client.chat.completions
      .create({ model: "gemini-3.8-flash", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(plain.response.headers.get("x-router-model-status")).toBeNull();

    const logged = logLines
      .filter((line) => line.includes('"path":"/v1/chat/completions"'))
      .map((line) => JSON.parse(line.slice(line.indexOf("{"))) as { modelStatus?: string });
    expect(logged.filter((line) => line.modelStatus?.includes("stage RETIRED"))).toHaveLength(6);

    const report = (await (
      await fetch(`${topology.url}/status.json`, { headers: { authorization: `Bearer ${PASS}` } })
    ).json()) as { models: ModelRow[] };
    const byModel = new Map(report.models.map((row) => [row.asked, row]));
    expect(byModel.get("gemini-2.5-flash")).toMatchObject({
      served: "gemini-3.5-flash-lite",
      stage: "RETIRED",
      retirementTime: "2026-12-01T00:00:00Z",
      count: 6,
    });
    expect(byModel.get("gemini-3.7-flash")).toMatchObject({
      served: "gemini-3.8-flash",
      stage: "DEPRECATED",
      count: 1,
    });
    expect(byModel.has("gemini-3.8-flash")).toBe(false);

    const { executablePath, args, env } = await chromium();
    const browser = await puppeteer.launch({
      executablePath,
      headless: "shell",
      args,
      env: { ...process.env, ...env },
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${topology.url}/status`);
      await page.waitForSelector("#login:not([hidden])");
      await page.type("#pass", PASS);
      await page.click("#login button[type=submit]");
      await page.waitForSelector("#models:not([hidden]) [data-model='gemini-2.5-flash']");
      const cells = await page.$eval("[data-model='gemini-2.5-flash']", (row) =>
        [...row.querySelectorAll("td")].map((cell) => cell.textContent),
      );
      expect(cells.slice(0, 3)).toEqual(["gemini-2.5-flash", "gemini-3.5-flash-lite", "RETIRED"]);
      expect(cells[4]).toContain("Use gemini-3.5-flash-lite instead.");
      expect(cells[6]).toBe("6");
    } finally {
      await browser.close();
    }
  }, 180_000);
});
