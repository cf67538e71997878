import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findModel, supports } from "../../emulator/models/catalog.ts";
import { traitsOf } from "../../emulator/models/traits.ts";
import type { RecordedRequest } from "../../emulator/server.ts";
import type { ModelRow } from "../../src/gemini/models/model-row.ts";
import { MODEL_TABLE } from "../../src/gemini/models/model-table.ts";
import {
  IN_PROCESS_PASS,
  type InProcessBackend,
  startInProcessBackend,
} from "../support/in-process-backend.ts";

/**
 * Issue 20's "Done when": every surface, with every thinking/effort value, on every model of the
 * table, reaches the emulator with a request today's API accepts. The emulator rules each model
 * from the same table with Google's refusals (emulator/README.md), so it is the judge: each case
 * must cost exactly one generateContent call that the emulator answers 200 — no refusal, no
 * learnt retry. The client surfaces must also need no correction (`x-router-adjusted` absent):
 * their efforts are translated into what the table says the model takes. The native surface
 * passes Google's own values on; a value the table says the model refuses is conformed before the
 * call (and reported in the header).
 *
 * The app runs in this process (test/support/in-process-backend.ts): ~1,000 requests, one
 * emulator, no workerd per case.
 */

const TEXT_KINDS: readonly ModelRow["kind"][] = ["text", "image"];
/** Rows a chat request cannot reach with thinking settings, and why (their own tests cover them). */
const NOT_CHAT_MODELS: Record<Exclude<ModelRow["kind"], "text" | "image">, string> = {
  speech: "TTS models need responseModalities AUDIO and a voice (openai-audio.test.ts)",
  transcription: "audio in, text out; no thinking control (openai-audio.test.ts)",
  embedding: "embedContent only (models-and-embeddings.test.ts)",
  live: "bidiGenerateContent only: generateContent answers 404",
};

const servedByGenerate = (row: ModelRow) => {
  const model = findModel(row.id);
  return model !== undefined && supports(model, "generateContent");
};
/** Ids Google answers 404 for (shut down, no reroute). */
const SHUT_DOWN = MODEL_TABLE.filter((row) => row.status === "retired" && !row.reroutedTo);
/** Of them, those a chat client names (a non-Gemini name, text-embedding-004, means the default). */
const SHUT_DOWN_CHAT = SHUT_DOWN.filter((row) => TEXT_KINDS.includes(row.kind));
const SERVED = MODEL_TABLE.filter(
  (row) => TEXT_KINDS.includes(row.kind) && !SHUT_DOWN.includes(row) && servedByGenerate(row),
);

const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
const ANTHROPIC_THINKING: readonly Record<string, unknown>[] = [
  {},
  { thinking: { type: "disabled" } },
  ...[1024, 2048, 8192, 16_384, 24_576, 31_999].map((budget) => ({
    thinking: { type: "enabled", budget_tokens: budget },
  })),
  { thinking: { type: "adaptive" } },
  ...["low", "medium", "high", "xhigh", "max"].map((effort) => ({
    thinking: { type: "adaptive" },
    output_config: { effort },
  })),
  { thinking: { type: "enabled", budget_tokens: 4096, display: "omitted" } },
];
const NATIVE_THINKING: readonly Record<string, unknown>[] = [
  {},
  ...["MINIMAL", "LOW", "MEDIUM", "HIGH", "XHIGH", "low"].map((level) => ({
    thinkingLevel: level,
  })),
  ...[0, -1, 128, 1024, 8192, 24_576, 32_768].map((budget) => ({ thinkingBudget: budget })),
  { includeThoughts: true },
  { thinkingLevel: "HIGH", includeThoughts: true },
];

interface Case {
  surface: "chat" | "responses" | "anthropic" | "native";
  model: string;
  setting: string;
  path: string;
  headers: Record<string, string>;
  /** The body, given the marker the prompt carries. */
  body(marker: string): unknown;
}

const JSON_TYPE = { "content-type": "application/json" };
const BEARER = { ...JSON_TYPE, authorization: `Bearer ${IN_PROCESS_PASS}` };

function casesFor(row: ModelRow): Case[] {
  const model = row.id;
  const chat = ["(absent)", ...EFFORTS].map(
    (effort): Case => ({
      surface: "chat",
      model,
      setting: `reasoning_effort ${effort}`,
      path: "/v1/chat/completions",
      headers: BEARER,
      body: (marker) => ({
        model,
        messages: [{ role: "user", content: marker }],
        ...(effort === "(absent)" ? {} : { reasoning_effort: effort }),
      }),
    }),
  );
  const suffixes = ["none", "minimal", "low", "medium", "high", "xhigh"].map(
    (level): Case => ({
      surface: "chat",
      model,
      setting: `model suffix -thinking-${level}`,
      path: "/v1/chat/completions",
      headers: BEARER,
      body: (marker) => ({
        model: `${model}-thinking-${level}`,
        messages: [{ role: "user", content: marker }],
      }),
    }),
  );
  const responses = ["(absent)", ...EFFORTS].map(
    (effort): Case => ({
      surface: "responses",
      model,
      setting: `reasoning.effort ${effort}`,
      path: "/v1/responses",
      headers: BEARER,
      body: (marker) => ({
        model,
        input: marker,
        store: false,
        ...(effort === "(absent)" ? {} : { reasoning: { effort, summary: "auto" } }),
      }),
    }),
  );
  const anthropic = ANTHROPIC_THINKING.filter(
    // Anthropic's own rule: budget_tokens below max_tokens.
    (thinking) => budgetOf(thinking) < anthropicMaxTokens(row),
  ).map(
    (thinking): Case => ({
      surface: "anthropic",
      model,
      setting: JSON.stringify(thinking),
      path: "/v1/messages",
      headers: { ...JSON_TYPE, "x-api-key": IN_PROCESS_PASS, "anthropic-version": "2023-06-01" },
      body: (marker) => ({
        model,
        max_tokens: anthropicMaxTokens(row),
        messages: [{ role: "user", content: marker }],
        ...thinking,
      }),
    }),
  );
  const native = NATIVE_THINKING.map(
    (thinkingConfig): Case => ({
      surface: "native",
      model,
      setting: `thinkingConfig ${JSON.stringify(thinkingConfig)}`,
      path: `/v1beta/models/${model}:generateContent`,
      headers: { ...JSON_TYPE, "x-goog-api-key": IN_PROCESS_PASS },
      body: (marker) => ({
        contents: [{ role: "user", parts: [{ text: marker }] }],
        ...(Object.keys(thinkingConfig).length > 0 ? { generationConfig: { thinkingConfig } } : {}),
      }),
    }),
  );
  return [...chat, ...suffixes, ...responses, ...anthropic, ...native];
}

/** The most a Claude client asks for (Claude Code's 32,000), within the model's limit. */
const anthropicMaxTokens = (row: ModelRow) => Math.min(32_000, row.outputTokenLimit);
const budgetOf = (thinking: Record<string, unknown>) =>
  (thinking.thinking as { budget_tokens?: number } | undefined)?.budget_tokens ?? 0;

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const DATA_URL = `data:image/png;base64,${PNG}`;

type ImageBody = {
  contents?: { parts?: { mediaResolution?: unknown }[] }[];
  generationConfig?: { mediaResolution?: string };
};

/** One image with the finest detail each surface can ask for. */
function imageCasesFor(row: ModelRow): Case[] {
  const model = row.id;
  return [
    {
      surface: "chat",
      model,
      setting: "image_url.detail high",
      path: "/v1/chat/completions",
      headers: BEARER,
      body: (marker) => ({
        model,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: marker },
              { type: "image_url", image_url: { url: DATA_URL, detail: "high" } },
            ],
          },
        ],
      }),
    },
    {
      surface: "responses",
      model,
      setting: "input_image.detail original",
      path: "/v1/responses",
      headers: BEARER,
      body: (marker) => ({
        model,
        store: false,
        input: [
          {
            role: "user",
            content: [
              { type: "input_text", text: marker },
              { type: "input_image", image_url: DATA_URL, detail: "original" },
            ],
          },
        ],
      }),
    },
    {
      surface: "native",
      model,
      setting: "part mediaResolution ULTRA_HIGH",
      path: `/v1beta/models/${model}:generateContent`,
      headers: { ...JSON_TYPE, "x-goog-api-key": IN_PROCESS_PASS },
      body: (marker) => ({
        contents: [
          {
            role: "user",
            parts: [
              { text: marker },
              {
                inlineData: { mimeType: "image/png", data: PNG },
                mediaResolution: { level: "MEDIA_RESOLUTION_ULTRA_HIGH" },
              },
            ],
          },
        ],
      }),
    },
  ];
}

interface Outcome {
  status: number;
  adjusted: string | null;
  answer: string;
  calls: RecordedRequest[];
}

let backend: InProcessBackend;
beforeAll(async () => {
  // The request log writes a line per request; a thousand of them would bury a failure.
  vi.spyOn(console, "log").mockImplementation(() => {});
  backend = await startInProcessBackend();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await backend?.close();
});

/** Runs the cases a few at a time; the emulator keeps its last 1,000 requests, so each batch is read at once. */
async function run(cases: readonly Case[]): Promise<Map<Case, Outcome>> {
  const outcomes = new Map<Case, Outcome>();
  const batch = 24;
  for (let start = 0; start < cases.length; start += batch) {
    const slice = cases.slice(start, start + batch);
    const answers = await Promise.all(
      slice.map(async (item, offset) => {
        const marker = `case-${start + offset}-marker`;
        const response = await backend.fetch(item.path, {
          method: "POST",
          headers: item.headers,
          body: JSON.stringify(item.body(marker)),
        });
        return { item, marker, response, answer: await response.text() };
      }),
    );
    const recorded = backend.emulator
      .requests()
      .filter((request) => /:(stream)?[gG]enerateContent/.test(request.path));
    for (const { item, marker, response, answer } of answers) {
      outcomes.set(item, {
        status: response.status,
        adjusted: response.headers.get("x-router-adjusted"),
        answer: answer.slice(0, 300),
        calls: recorded.filter((request) => JSON.stringify(request.body).includes(marker)),
      });
    }
    backend.emulator.reset();
  }
  return outcomes;
}

type SentConfig = { generationConfig?: { thinkingConfig?: Record<string, unknown> } };
const sentThinking = (call: RecordedRequest | undefined) =>
  (call?.body as SentConfig | undefined)?.generationConfig?.thinkingConfig;

describe("every surface × every thinking value × every model of the table", () => {
  it("covers every row: served rows are exercised, the rest are named with a reason", () => {
    const other = MODEL_TABLE.filter((row) => !SERVED.includes(row) && !SHUT_DOWN.includes(row));
    expect(other.every((row) => row.kind in NOT_CHAT_MODELS)).toBe(true);
    expect(SERVED.length).toBeGreaterThanOrEqual(25);
  });

  it("reaches the emulator with a request it accepts, in one call, on every served model", async () => {
    const cases = SERVED.flatMap(casesFor);
    const outcomes = await run(cases);
    const failures: string[] = [];
    for (const item of cases) {
      const outcome = outcomes.get(item);
      const name = `${item.surface} ${item.model} ${item.setting}`;
      if (!outcome) {
        failures.push(`${name}: not run`);
        continue;
      }
      const statuses = outcome.calls.map((call) => call.status);
      if (outcome.status !== 200 || statuses.length !== 1 || statuses[0] !== 200) {
        failures.push(
          `${name}: answered ${outcome.status}, upstream calls ${JSON.stringify(statuses)}: ${outcome.answer}`,
        );
        continue;
      }
      if (item.surface !== "native" && outcome.adjusted !== null) {
        failures.push(`${name}: needed a correction (${outcome.adjusted})`);
      }
      // Asked thinking reaches the model in the form it takes (levels or budget), never dropped.
      const traits = traitsOf(findModel(item.model) ?? expect.unreachable());
      const thinking = sentThinking(outcome.calls[0]);
      const level = thinking?.thinkingLevel;
      // Google reads enum names in any case ("low" is LOW).
      if (
        level !== undefined &&
        !traits.thinkingLevels?.includes(String(level).toUpperCase() as never)
      ) {
        failures.push(`${name}: sent thinkingLevel ${String(level)}`);
      }
      const askedEffort = /effort (minimal|low|medium|high|xhigh|max)$/.test(item.setting);
      if (askedEffort && traits.thinkingLevels && level === undefined) {
        failures.push(`${name}: the effort was dropped (${JSON.stringify(thinking)})`);
      }
      if (askedEffort && traits.budget && thinking?.thinkingBudget === undefined) {
        failures.push(`${name}: the effort was dropped (${JSON.stringify(thinking)})`);
      }
    }
    expect(failures).toEqual([]);
    expect(outcomes.size).toBe(cases.length);
  }, 240_000);

  it("sends each surface's image detail as the model takes it (per part, or request-wide), accepted in one call", async () => {
    const cases = SERVED.flatMap(imageCasesFor);
    const outcomes = await run(cases);
    const failures: string[] = [];
    for (const item of cases) {
      const outcome = outcomes.get(item);
      const name = `${item.surface} ${item.model} ${item.setting}`;
      const statuses = outcome?.calls.map((call) => call.status) ?? [];
      if (outcome?.status !== 200 || statuses.length !== 1 || statuses[0] !== 200) {
        failures.push(`${name}: ${outcome?.status} ${JSON.stringify(statuses)} ${outcome?.answer}`);
        continue;
      }
      const body = outcome.calls[0]?.body as ImageBody;
      const perPart = body.contents?.some((content) =>
        content.parts?.some((part) => part.mediaResolution !== undefined),
      );
      const takesPerPart = traitsOf(
        findModel(item.model) ?? expect.unreachable(),
      ).partMediaResolution;
      if (perPart !== takesPerPart) failures.push(`${name}: per part ${perPart}`);
      if (!takesPerPart && body.generationConfig?.mediaResolution === undefined) {
        failures.push(`${name}: the detail was lost`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("passes Google's 404 on for each id Google has shut down, on every surface", async () => {
    const cases = SHUT_DOWN_CHAT.flatMap((row) =>
      casesFor(row).filter((item) => item.setting.endsWith("(absent)") || item.setting === "{}"),
    );
    const outcomes = await run(cases);
    const wrong = cases.flatMap((item) => {
      const outcome = outcomes.get(item);
      return outcome?.status === 404 && outcome.answer.includes("no longer available")
        ? []
        : [`${item.surface} ${item.model}: ${outcome?.status} ${outcome?.answer}`];
    });
    expect(wrong).toEqual([]);
  }, 60_000);
});
