import type { ModelRow, ThinkingFacts, ThinkingLevelName } from "./model-row.ts";

/**
 * Every model id the Gemini API answers today (2026-12-06), and the ids it retired, as data: one
 * row each, with the page it comes from. The gateway reads it through model-facts.ts; the
 * emulator's catalog (emulator/models/catalog.ts) is built from the same rows.
 *
 * Google's pages read for it:
 * - DEPRECATIONS: release and shutdown dates, replacements, what is shut down.
 * - CHANGELOG: 2.0 shut down 2026-06-01 (404 since); 3.5 Flash and 3.7 Flash deprecated
 *   2026-10-08 "API requests … are automatically routed to" 3.6 Flash / 3.8 Flash; Gemini 4 Argon
 *   GA 2026-10-13; 3.6 Flash and 3.5 Flash-Lite GA 2026-07-21 ("sampling parameters temperature,
 *   top_p and top_k are now deprecated"); image GA 2026-05-28 / 06-30; previews shut down.
 * - GEMINI_36: 3.6 Flash ignores custom temperature/top-k/top-p, refuses frequency and presence
 *   penalties with an error, and refuses a request whose last `contents` turn has role `model`.
 * - GEMINI_38: 3.8 Flash and 3.7 Flash take LOW/MEDIUM/HIGH (default MEDIUM), 3.1 Pro LOW/MEDIUM/HIGH
 *   (default HIGH); 1,048,576 in, 65,536 out.
 * - GEMINI_4: Gemini 4 Argon: LOW/MEDIUM/HIGH (default MEDIUM), one 1,048,576-token limit for input
 *   and output, long decode (65,536 output tokens per call, 32,768 per non-streamed call, then
 *   finishReason CONTINUATION with a continuationToken).
 * - THINKING: levels per model, budgets per 2.5 model, "cannot use both".
 * - MEDIA_RESOLUTION (https://ai.google.dev/gemini-api/docs/generate-content/media-resolution):
 *   `mediaResolution` per part on Gemini 4 and Gemini 3 models (LOW, MEDIUM,
 *   HIGH, ULTRA_HIGH), request-wide on all multimodal models (LOW, MEDIUM, HIGH: the v1beta
 *   protos' GenerationConfig.MediaResolution has no ULTRA_HIGH). That ULTRA_HIGH is per part only
 *   is also what pydantic/pydantic-ai#6524 and firebase/flutterfire#18354 report.
 *
 * Third parties only (marked per row in `thirdParty`): the 2026-12-01 reroutes of 2.5 Flash and
 * 2.5 Pro (dev.to/aideprecations, quoting the deprecations page), Gemini 4 Carbon / Hydrogen / Neon
 * (docs.rs adk-model ThinkingLevel, vercel.com/ai-gateway, developer.box.com), the prefill text
 * (LibreChat-AI/agents#323, Zoo-Code-Org/Zoo-Code#1052, anomalyco/opencode#47034 for 3.8), and
 * where the `-latest` aliases point today.
 */

const DEPRECATIONS = "https://ai.google.dev/gemini-api/docs/deprecations";
const CHANGELOG = "https://ai.google.dev/gemini-api/docs/changelog";
const MODELS = "https://ai.google.dev/gemini-api/docs/models";
const THINKING = "https://ai.google.dev/gemini-api/docs/thinking";
const GEMINI_3 = "https://ai.google.dev/gemini-api/docs/gemini-3";
const GEMINI_36 =
  "https://ai.google.dev/gemini-api/docs/generate-content/whats-new-gemini-3.6; https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-6-flash";
const GEMINI_38 =
  "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/guides/gemini-3-8-flash";
const GEMINI_4 =
  "https://ai.google.dev/gemini-api/docs/generate-content/latest-model; https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/start/get-started-with-gemini-4";
const EMBEDDINGS = "https://ai.google.dev/gemini-api/docs/embeddings";
const IMAGES = "https://ai.google.dev/gemini-api/docs/image-generation";
const SPEECH = "https://ai.google.dev/gemini-api/docs/speech-generation";

const MILLION = 1_048_576;

const levels = (
  list: readonly ThinkingLevelName[],
  byDefault: ThinkingLevelName,
  budgetAccepted = true,
): ThinkingFacts => ({ kind: "levels", levels: list, default: byDefault, budgetAccepted });

const FLASH_LEVELS = ["MINIMAL", "LOW", "MEDIUM", "HIGH"] as const;
const NO_MINIMAL = ["LOW", "MEDIUM", "HIGH"] as const;
const WITH_XHIGH = ["LOW", "MEDIUM", "HIGH", "XHIGH"] as const;

/** What every Gemini model up to 3.5 Flash takes: nothing refused. */
const TAKES_ALL = { penalties: false, prefill: false, systemInstruction: false, functions: false };
/** 3.5 Flash-Lite, 3.6 Flash and later: penalties and prefill refused (GEMINI_36). */
const REFUSES_36 = { penalties: true, prefill: true, systemInstruction: false, functions: false };

/** A Gemini 3 text model (signatures, search with functions, per-part media resolution, 1M in). */
const GEMINI_3_TEXT = {
  kind: "text",
  searchWithFunctions: true,
  thoughtSignatures: true,
  partMediaResolution: true,
  outputModalities: ["TEXT"],
  inputTokenLimit: MILLION,
  outputTokenLimit: 65_536,
} as const;

/** Gemini 4: one 1M limit for input and output, reached through long decode (GEMINI_4). */
const GEMINI_4_TEXT = {
  ...GEMINI_3_TEXT,
  status: "stable",
  refuses: REFUSES_36,
  ignoresSampling: true,
  outputTokenLimit: MILLION,
  longDecode: { hopOutputTokens: 65_536, nonStreamedHopOutputTokens: 32_768 },
} as const;

const GEMINI_25_TEXT = {
  kind: "text",
  refuses: TAKES_ALL,
  ignoresSampling: false,
  searchWithFunctions: false,
  thoughtSignatures: false,
  partMediaResolution: false,
  outputModalities: ["TEXT"],
  inputTokenLimit: MILLION,
  outputTokenLimit: 65_536,
} as const;

const GEMMA = {
  kind: "text",
  status: "stable",
  thinking: { kind: "none" },
  refuses: { penalties: false, prefill: false, systemInstruction: true, functions: true },
  ignoresSampling: false,
  searchWithFunctions: false,
  thoughtSignatures: false,
  partMediaResolution: false,
  outputModalities: ["TEXT"],
  source: `${MODELS} (Gemma); the models.list dump at https://pastebin.com/sd29EWNs`,
} as const;

const RETIRED_20 = {
  kind: "text",
  status: "retired",
  shutdown: "2026-06-01",
  replacement: "gemini-3.6-flash",
  thinking: { kind: "none" },
  refuses: TAKES_ALL,
  ignoresSampling: false,
  searchWithFunctions: false,
  thoughtSignatures: false,
  partMediaResolution: false,
  outputModalities: ["TEXT"],
  inputTokenLimit: MILLION,
  outputTokenLimit: 8_192,
  source: `${CHANGELOG} (2026-06-01: "The following Gemini 2.0 models are now shut down")`,
} as const;

/** Image models; the Gemini 3 ones take per-part media resolution (set per row). */
const IMAGE_MODEL = {
  kind: "image",
  refuses: TAKES_ALL,
  ignoresSampling: false,
  searchWithFunctions: false,
  thoughtSignatures: true,
  partMediaResolution: false,
  outputModalities: ["TEXT", "IMAGE"],
  inputTokenLimit: 65_536,
  outputTokenLimit: 32_768,
} as const;

const SPEECH_MODEL = {
  kind: "speech",
  status: "stable",
  thinking: { kind: "none" },
  refuses: TAKES_ALL,
  ignoresSampling: false,
  searchWithFunctions: false,
  thoughtSignatures: false,
  partMediaResolution: false,
  outputModalities: ["AUDIO"],
  inputTokenLimit: 8_192,
  outputTokenLimit: 16_384,
  source: `${MODELS}; ${SPEECH}`,
  thirdParty: "token limits as the emulator's media models give them (the 2.5 TTS model pages)",
} as const;

export const MODEL_TABLE: readonly ModelRow[] = [
  // Gemini 4 -----------------------------------------------------------------------------------
  {
    ...GEMINI_4_TEXT,
    id: "gemini-4-argon",
    displayName: "Gemini 4 Argon",
    released: "2026-10-13",
    thinking: levels(NO_MINIMAL, "MEDIUM", false),
    source: `${GEMINI_4}; ${CHANGELOG} (2026-10-13)`,
    thirdParty:
      "thinkingBudget refused ('Thinking budget is not supported for this model.', the text Gemini answers for gemma-4, aduermael/herm#23): assumed for Gemini 4",
  },
  {
    ...GEMINI_4_TEXT,
    id: "gemini-4-carbon",
    displayName: "Gemini 4 Carbon",
    released: "2026-11-10",
    thinking: levels(NO_MINIMAL, "MEDIUM", false),
    source: GEMINI_4,
    thirdParty:
      "whole row: developer.box.com (Gemini 4 Carbon model card), openrouter.ai/google/gemini-4-carbon (long decode, low/medium/high), docs.rs/adk-model ThinkingLevel (default MEDIUM)",
  },
  {
    ...GEMINI_4_TEXT,
    id: "gemini-4-hydrogen",
    displayName: "Gemini 4 Hydrogen",
    released: "2026-11-10",
    thinking: levels(WITH_XHIGH, "HIGH", false),
    source: GEMINI_4,
    thirdParty:
      "whole row: vercel.com/ai-gateway/models/gemini-4-hydrogen, developer.box.com, docs.rs/adk-model ThinkingLevel (XHIGH on Neon and Hydrogen only, default HIGH)",
  },
  {
    ...GEMINI_4_TEXT,
    id: "gemini-4-neon",
    displayName: "Gemini 4 Neon",
    released: "2026-11-10",
    thinking: levels(WITH_XHIGH, "HIGH", false),
    source: GEMINI_4,
    thirdParty:
      "whole row: vercel.com/ai-gateway/models/google/gemini-4-neon, docs.rs/adk-model ThinkingLevel (XHIGH on Neon and Hydrogen only, default HIGH)",
  },
  // Gemini 3.x Flash ----------------------------------------------------------------------------
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.8-flash",
    displayName: "Gemini 3.8 Flash",
    status: "stable",
    released: "2026-09-02",
    thinking: levels(NO_MINIMAL, "MEDIUM"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    source: `${GEMINI_38}; ${DEPRECATIONS}`,
    thirdParty: "prefill refused on 3.8: anomalyco/opencode#47034",
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.7-flash",
    displayName: "Gemini 3.7 Flash",
    status: "deprecated",
    released: "2026-08-13",
    reroutedTo: "gemini-3.8-flash",
    replacement: "gemini-3.8-flash",
    thinking: levels(NO_MINIMAL, "MEDIUM"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    source: `${CHANGELOG} (2026-10-08: requests "automatically routed to gemini-3.8-flash"); ${GEMINI_38}`,
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.6-flash",
    displayName: "Gemini 3.6 Flash",
    status: "stable",
    released: "2026-07-21",
    thinking: levels(FLASH_LEVELS, "MEDIUM"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    source: `${GEMINI_36}; ${CHANGELOG} (2026-07-21)`,
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.5-flash-lite",
    displayName: "Gemini 3.5 Flash-Lite",
    status: "stable",
    released: "2026-07-21",
    thinking: levels(FLASH_LEVELS, "MINIMAL"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    source: `${GEMINI_36} (default thinking level minimal); ${CHANGELOG} (2026-07-21)`,
    thirdParty:
      "penalties/prefill/sampling rules as 3.6 Flash: LibreChat-AI/agents#323 (prefill 400 verified live), Zoo-Code-Org/Zoo-Code#1052",
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.5-flash",
    displayName: "Gemini 3.5 Flash",
    status: "deprecated",
    released: "2026-05-19",
    reroutedTo: "gemini-3.6-flash",
    replacement: "gemini-3.6-flash",
    thinking: levels(FLASH_LEVELS, "MEDIUM"),
    refuses: TAKES_ALL,
    ignoresSampling: false,
    source: `${CHANGELOG} (2026-10-08: requests "automatically routed to gemini-3.6-flash"); ${GEMINI_36}`,
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.1-flash-lite",
    displayName: "Gemini 3.1 Flash-Lite",
    status: "stable",
    released: "2026-05-07",
    shutdown: "2027-05-07",
    thinking: levels(FLASH_LEVELS, "MINIMAL"),
    refuses: TAKES_ALL,
    ignoresSampling: false,
    source: `${DEPRECATIONS}; https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/guides/gemini-3-5-flash (levels, default MINIMAL)`,
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3-flash-preview",
    displayName: "Gemini 3 Flash Preview",
    status: "preview",
    released: "2025-12-17",
    thinking: levels(FLASH_LEVELS, "HIGH"),
    refuses: TAKES_ALL,
    ignoresSampling: false,
    source: `${DEPRECATIONS}; ${THINKING}; ${GEMINI_3}`,
  },
  // Gemini 3.x Pro ------------------------------------------------------------------------------
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.1-pro-preview",
    displayName: "Gemini 3.1 Pro Preview",
    status: "preview",
    released: "2026-02-19",
    thinking: levels(NO_MINIMAL, "HIGH"),
    refuses: TAKES_ALL,
    ignoresSampling: false,
    source: `${DEPRECATIONS}; ${GEMINI_38} (levels, default HIGH)`,
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3-pro-preview",
    displayName: "Gemini 3 Pro Preview",
    status: "retired",
    released: "2025-11-18",
    shutdown: "2026-03-09",
    replacement: "gemini-3.1-pro-preview",
    thinking: levels(["LOW", "HIGH"], "HIGH"),
    refuses: TAKES_ALL,
    ignoresSampling: false,
    source: DEPRECATIONS,
  },
  // Aliases (Google moves them; see the README's "Models") --------------------------------------
  {
    ...GEMINI_3_TEXT,
    id: "gemini-flash-latest",
    displayName: "Gemini Flash Latest",
    status: "stable",
    aliasOf: "gemini-3.8-flash",
    thinking: levels(NO_MINIMAL, "MEDIUM"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    source: `${MODELS} (aliases); ${CHANGELOG} ("Changed the latest aliases")`,
    thirdParty:
      "today's target is assumed (the newest Flash); Google's last alias note seen is 2026-01-21",
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-flash-lite-latest",
    displayName: "Gemini Flash-Lite Latest",
    status: "stable",
    aliasOf: "gemini-3.5-flash-lite",
    thinking: levels(FLASH_LEVELS, "MINIMAL"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    source: `${MODELS} (aliases)`,
    thirdParty: "target: Vali-98/ChatterUI#620 (2026-07-22: 'the current version is 3.5')",
  },
  {
    ...GEMINI_3_TEXT,
    id: "gemini-pro-latest",
    displayName: "Gemini Pro Latest",
    status: "stable",
    aliasOf: "gemini-3.1-pro-preview",
    thinking: levels(NO_MINIMAL, "HIGH"),
    refuses: TAKES_ALL,
    ignoresSampling: false,
    source: `${MODELS} (aliases); ${DEPRECATIONS} (gemini-3-pro-preview → gemini-3.1-pro-preview)`,
    thirdParty: "today's target is assumed (the newest Pro)",
  },
  // Gemini 2.5 ----------------------------------------------------------------------------------
  {
    ...GEMINI_25_TEXT,
    id: "gemini-2.5-flash",
    displayName: "Gemini 2.5 Flash",
    status: "retired",
    released: "2025-06-17",
    shutdown: "2026-12-01",
    reroutedTo: "gemini-3.5-flash-lite",
    replacement: "gemini-3.5-flash-lite",
    thinking: { kind: "budget", min: 0, max: 24_576, canDisable: true },
    source: DEPRECATIONS,
    thirdParty:
      "the reroute to gemini-3.5-flash-lite (billed at its price): dev.to/aideprecations (reading the deprecations page, 2026-11-10)",
  },
  {
    ...GEMINI_25_TEXT,
    id: "gemini-2.5-pro",
    displayName: "Gemini 2.5 Pro",
    status: "retired",
    released: "2025-06-17",
    shutdown: "2026-12-01",
    reroutedTo: "gemini-3.8-flash",
    replacement: "gemini-3.8-flash",
    thinking: { kind: "budget", min: 128, max: 32_768, canDisable: false },
    source: DEPRECATIONS,
    thirdParty:
      "the reroute to gemini-3.8-flash: dev.to/aideprecations (reading the deprecations page), docs.retellai.com (2026-11-29)",
  },
  {
    ...GEMINI_25_TEXT,
    id: "gemini-2.5-flash-lite",
    displayName: "Gemini 2.5 Flash-Lite",
    status: "stable",
    released: "2025-07-22",
    thinking: { kind: "budget", min: 512, max: 24_576, canDisable: true },
    source: `${DEPRECATIONS}; ${THINKING}`,
    thirdParty:
      "'not deprecated and remains available … until further notice': dev.to/aideprecations",
  },
  // Gemini 2.0 (404 since 2026-06-01) -----------------------------------------------------------
  { ...RETIRED_20, id: "gemini-2.0-flash", displayName: "Gemini 2.0 Flash" },
  { ...RETIRED_20, id: "gemini-2.0-flash-001", displayName: "Gemini 2.0 Flash 001" },
  {
    ...RETIRED_20,
    id: "gemini-2.0-flash-lite",
    displayName: "Gemini 2.0 Flash-Lite",
    replacement: "gemini-3.1-flash-lite",
  },
  {
    ...RETIRED_20,
    id: "gemini-2.0-flash-lite-001",
    displayName: "Gemini 2.0 Flash-Lite 001",
    replacement: "gemini-3.1-flash-lite",
  },
  // Images ----------------------------------------------------------------------------------------
  {
    ...IMAGE_MODEL,
    id: "gemini-3.1-flash-image",
    // A Gemini 3 model: per-part media resolution (MEDIA_RESOLUTION's "Gemini 3 models").
    partMediaResolution: true,
    displayName: "Nano Banana 2",
    status: "stable",
    released: "2026-05-28",
    thinking: levels(["MINIMAL", "HIGH"], "MINIMAL"),
    source: `${CHANGELOG} (2026-05-28); ${IMAGES}`,
  },
  {
    ...IMAGE_MODEL,
    id: "gemini-3.1-flash-lite-image",
    // A Gemini 3 model: per-part media resolution (MEDIA_RESOLUTION's "Gemini 3 models").
    partMediaResolution: true,
    displayName: "Nano Banana 2 Lite",
    status: "stable",
    released: "2026-06-30",
    thinking: { kind: "none" },
    source: `${CHANGELOG} (2026-06-30); ${IMAGES}`,
    thirdParty: "thinking control and token limits assumed (not on the pages read)",
  },
  {
    ...IMAGE_MODEL,
    id: "gemini-3-pro-image",
    // A Gemini 3 model: per-part media resolution (MEDIA_RESOLUTION's "Gemini 3 models").
    partMediaResolution: true,
    displayName: "Nano Banana Pro",
    status: "stable",
    released: "2026-05-28",
    thinking: { kind: "fixed" },
    source: `${CHANGELOG} (2026-05-28); ${IMAGES}`,
  },
  {
    ...IMAGE_MODEL,
    id: "gemini-3-pro-image-preview",
    // A Gemini 3 model: per-part media resolution (MEDIA_RESOLUTION's "Gemini 3 models").
    partMediaResolution: true,
    displayName: "Nano Banana Pro Preview",
    status: "retired",
    shutdown: "2026-06-25",
    replacement: "gemini-3-pro-image",
    thinking: { kind: "fixed" },
    source: `${CHANGELOG} (2026-05-28 deprecation); ${DEPRECATIONS}`,
  },
  {
    ...IMAGE_MODEL,
    id: "gemini-3.1-flash-image-preview",
    // A Gemini 3 model: per-part media resolution (MEDIA_RESOLUTION's "Gemini 3 models").
    partMediaResolution: true,
    displayName: "Nano Banana 2 Preview",
    status: "retired",
    shutdown: "2026-06-25",
    replacement: "gemini-3.1-flash-image",
    thinking: levels(["MINIMAL", "HIGH"], "MINIMAL"),
    source: `${CHANGELOG} (2026-05-28 deprecation); ${DEPRECATIONS}`,
  },
  {
    ...IMAGE_MODEL,
    id: "gemini-2.5-flash-image",
    displayName: "Nano Banana",
    status: "deprecated",
    released: "2025-10-02",
    shutdown: "2026-10-02",
    replacement: "gemini-3.1-flash-image",
    thinking: { kind: "none" },
    thoughtSignatures: false,
    source: DEPRECATIONS,
    thirdParty:
      "whether it is shut down yet: the page gives 2026-10-02 as the earliest date; kept as still served",
  },
  // Speech and transcription (rules of their own: emulator/models/media-models.ts) -------------
  {
    ...SPEECH_MODEL,
    id: "gemini-3.8-flash-tts",
    displayName: "Gemini 3.8 Flash TTS",
    inputTokenLimit: 32_768,
  },
  {
    ...SPEECH_MODEL,
    id: "gemini-3.8-flash-lite-tts",
    displayName: "Gemini 3.8 Flash-Lite TTS",
    inputTokenLimit: 32_768,
  },
  {
    ...SPEECH_MODEL,
    id: "gemini-3.1-flash-tts-preview",
    displayName: "Gemini 3.1 Flash TTS Preview",
    status: "preview",
    released: "2026-04-15",
    source: `${CHANGELOG} (2026-04-15, 2026-06-17 streaming); ${SPEECH}`,
  },
  {
    ...SPEECH_MODEL,
    id: "gemini-2.5-flash-preview-tts",
    displayName: "Gemini 2.5 Flash Preview TTS",
    status: "preview",
  },
  {
    ...SPEECH_MODEL,
    id: "gemini-3.5-transcribe",
    displayName: "Gemini 3.5 Transcribe",
    kind: "transcription",
    outputModalities: ["TEXT"],
    inputTokenLimit: MILLION,
    outputTokenLimit: 65_536,
    source: `${MODELS}; https://ai.google.dev/gemini-api/docs/audio`,
  },
  // Embeddings ------------------------------------------------------------------------------------
  {
    id: "gemini-embedding-2",
    displayName: "Gemini Embedding 2",
    kind: "embedding",
    status: "stable",
    released: "2026-04-22",
    thinking: { kind: "none" },
    refuses: TAKES_ALL,
    ignoresSampling: false,
    searchWithFunctions: false,
    thoughtSignatures: false,
    partMediaResolution: false,
    outputModalities: [],
    inputTokenLimit: 8_192,
    outputTokenLimit: 1,
    source: `${CHANGELOG} (2026-04-22 GA, 2026-05-05 multimodal); ${EMBEDDINGS}`,
    thirdParty: "input token limit assumed",
  },
  {
    id: "gemini-embedding-001",
    displayName: "Gemini Embedding 001",
    kind: "embedding",
    status: "stable",
    thinking: { kind: "none" },
    refuses: TAKES_ALL,
    ignoresSampling: false,
    searchWithFunctions: false,
    thoughtSignatures: false,
    partMediaResolution: false,
    outputModalities: [],
    inputTokenLimit: 2_048,
    outputTokenLimit: 1,
    source: EMBEDDINGS,
  },
  {
    id: "text-embedding-004",
    displayName: "Text Embedding 004",
    kind: "embedding",
    status: "retired",
    shutdown: "2026-01-14",
    replacement: "gemini-embedding-001",
    thinking: { kind: "none" },
    refuses: TAKES_ALL,
    ignoresSampling: false,
    searchWithFunctions: false,
    thoughtSignatures: false,
    partMediaResolution: false,
    outputModalities: [],
    inputTokenLimit: 2_048,
    outputTokenLimit: 1,
    source: `${CHANGELOG} (2026-01-14: "The text-embedding-004 model has been shut down")`,
  },
  // Live (bidiGenerateContent only) ---------------------------------------------------------------
  {
    ...GEMINI_3_TEXT,
    id: "gemini-3.8-live",
    displayName: "Gemini 3.8 Live",
    kind: "live",
    status: "stable",
    released: "2026-09-15",
    thinking: levels(NO_MINIMAL, "MEDIUM"),
    refuses: REFUSES_36,
    ignoresSampling: true,
    outputModalities: ["TEXT", "AUDIO"],
    source: DEPRECATIONS,
    thirdParty: "thinking control assumed as 3.8 Flash",
  },
  // Gemma -----------------------------------------------------------------------------------------
  {
    ...GEMMA,
    id: "gemma-3-27b-it",
    displayName: "Gemma 3 27B",
    inputTokenLimit: 131_072,
    outputTokenLimit: 8_192,
  },
  {
    ...GEMMA,
    id: "gemma-3-12b-it",
    displayName: "Gemma 3 12B",
    inputTokenLimit: 32_768,
    outputTokenLimit: 8_192,
  },
  {
    ...GEMMA,
    id: "gemma-3-4b-it",
    displayName: "Gemma 3 4B",
    inputTokenLimit: 32_768,
    outputTokenLimit: 8_192,
  },
  {
    ...GEMMA,
    id: "gemma-3-1b-it",
    displayName: "Gemma 3 1B",
    inputTokenLimit: 32_768,
    outputTokenLimit: 8_192,
  },
  {
    ...GEMMA,
    id: "gemma-3n-e4b-it",
    displayName: "Gemma 3n E4B",
    inputTokenLimit: 8_192,
    outputTokenLimit: 2_048,
  },
  {
    ...GEMMA,
    id: "gemma-3n-e2b-it",
    displayName: "Gemma 3n E2B",
    inputTokenLimit: 8_192,
    outputTokenLimit: 2_048,
  },
];
