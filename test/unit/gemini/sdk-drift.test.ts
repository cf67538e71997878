import { readFileSync } from "node:fs";
import {
  MediaResolution,
  Modality,
  ModelStage,
  PartMediaResolutionLevel,
  ThinkingLevel,
} from "@google/genai";
import { describe, expect, it } from "vitest";
import { THINKING_LEVELS } from "../../../src/gemini/models/model-row.ts";
import { PART_RESOLUTION_LEVELS } from "../../../src/gemini/part-media-resolution.ts";

/**
 * The drift alarm: after an upgrade of @google/genai or @google-ai/generativelanguage, every enum
 * value Google's SDK knows must be known to the emulator (its definitions are built from the
 * protos) and handled by the gateway — or named here as a known gap, with why. A value Google adds
 * fails one of these tests and so is listed, never silently passed on or refused.
 * FinishReason, BlockedReason and ServiceTier have the same check beside their tables
 * (finish-reasons.test.ts, service-tier.test.ts); request fields have sdk-request-fields.test.ts.
 */
const definitions = JSON.parse(
  readFileSync(new URL("../../../emulator/definitions/v1beta.json", import.meta.url), "utf8"),
) as { enums: Record<string, { values: Record<string, number> }> };

const emulatorValues = (name: string) => Object.keys(definitions.enums[name]?.values ?? {});
const sdkValues = (enumeration: Record<string, string>) => Object.values(enumeration);

/** Values the gateway does not map yet, each with the reason; shrink this, never grow it silently. */
const KNOWN_GAPS: Record<string, readonly string[]> = {
  // The SDK's Modality is shared with the Interactions API (Omni video); the v1beta protos'
  // GenerationConfig.Modality has no VIDEO, so generateContent (and the emulator) refuse it.
  Modality: ["VIDEO"],
};

describe("what the installed Google SDK knows", () => {
  it.each([
    ["ThinkingLevel", ThinkingLevel, "ThinkingConfig.ThinkingLevel"],
    ["MediaResolution", MediaResolution, "GenerationConfig.MediaResolution"],
    ["PartMediaResolutionLevel", PartMediaResolutionLevel, "Part.MediaResolution.Level"],
    ["Modality", Modality, "GenerationConfig.Modality"],
  ] as const)("the emulator knows every %s value", (name, enumeration, definition) => {
    const known = new Set([...emulatorValues(definition), ...(KNOWN_GAPS[name] ?? [])]);
    expect(known.size).toBeGreaterThan(0);
    expect(sdkValues(enumeration).filter((value) => !known.has(value))).toEqual([]);
  });

  it("the gateway maps every ThinkingLevel (the model table's levels)", () => {
    const levels = new Set<string>(THINKING_LEVELS);
    const unmapped = sdkValues(ThinkingLevel).filter(
      (value) => value !== ThinkingLevel.THINKING_LEVEL_UNSPECIFIED && !levels.has(value),
    );
    expect(unmapped).toEqual([]);
  });

  it("the gateway knows every part media resolution level (per part, or moved request-wide)", () => {
    const known = new Set<string>(PART_RESOLUTION_LEVELS);
    const unknown = sdkValues(PartMediaResolutionLevel).filter(
      (value) =>
        value !== PartMediaResolutionLevel.MEDIA_RESOLUTION_UNSPECIFIED && !known.has(value),
    );
    expect(unknown).toEqual([]);
  });

  it("every ModelStage is classified: a lifecycle stage the client is told about, or not", () => {
    // src/gemini/model-notice.ts reports LEGACY, DEPRECATED and RETIRED in x-router-model-status.
    const lifecycle = ["LEGACY", "DEPRECATED", "RETIRED"];
    const quiet = [
      "MODEL_STAGE_UNSPECIFIED",
      "UNSTABLE_EXPERIMENTAL",
      "EXPERIMENTAL",
      "PREVIEW",
      "STABLE",
    ];
    const known = new Set([...lifecycle, ...quiet]);
    expect(sdkValues(ModelStage).filter((value) => !known.has(value))).toEqual([]);
  });

  it("names only real gaps as known gaps", () => {
    expect(
      KNOWN_GAPS.Modality?.every((value) => sdkValues(Modality).includes(value as Modality)),
    ).toBe(true);
  });
});
