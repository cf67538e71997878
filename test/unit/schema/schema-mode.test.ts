import { describe, expect, it } from "vitest";
import { schemaModeFor } from "../../../src/schema/schema-mode.ts";

describe("schemaModeFor", () => {
  it.each([
    "gemini-2.0-flash",
    "gemini-2.0-flash-lite",
    "gemini-2.5-flash",
    "gemini-2.5-pro",
    "gemini-2.5-flash-image",
    "gemini-3-pro-preview",
    "gemini-3.1-pro-preview",
    "gemini-3-flash-preview",
    "gemini-flash-latest",
    "gemini-flash-lite-latest",
    "gemini-pro-latest",
    "models/gemini-2.5-flash",
  ])("sends JSON Schema to %s", (model) => {
    expect(schemaModeFor(model)).toBe("json-schema");
  });

  it.each([
    "gemini-1.5-flash",
    "gemma-3-27b-it",
    "learnlm-2.0-flash-experimental",
    "gemini-2.0-flash-live-001",
    "gemini-2.5-flash-native-audio-preview-09-2025",
    "some-tuned-model",
  ])("sends the OpenAPI subset to %s", (model) => {
    expect(schemaModeFor(model)).toBe("openapi");
  });
});
