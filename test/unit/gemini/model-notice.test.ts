import { ModelStage } from "@google/genai";
import { describe, expect, it } from "vitest";
import {
  describeNotice,
  MAX_MODEL_SIGHTINGS,
  ModelSightings,
  modelNotice,
} from "../../../src/gemini/model-notice.ts";

describe("model notices", () => {
  it("says nothing when the model asked for answered in a plain stage", () => {
    expect(modelNotice("gemini-3.5-flash", { modelVersion: "gemini-3.5-flash" })).toBeNull();
    expect(
      modelNotice("gemini-3.5-flash", {
        modelVersion: "gemini-3.5-flash",
        modelStatus: { modelStage: "STABLE" },
      }),
    ).toBeNull();
    expect(modelNotice("gemini-3.5-flash", undefined)).toBeNull();
  });

  it("names a silent reroute: the model asked for and the one that served", () => {
    const notice = modelNotice("gemini-2.5-flash", { modelVersion: "gemini-3.5-flash" });
    expect(notice).toEqual({ asked: "gemini-2.5-flash", served: "gemini-3.5-flash" });
    expect(describeNotice(notice as NonNullable<typeof notice>)).toBe(
      "gemini-2.5-flash served by gemini-3.5-flash",
    );
  });

  it.each([ModelStage.LEGACY, ModelStage.DEPRECATED, ModelStage.RETIRED])(
    "carries Google's lifecycle stage %s, retirement time and message",
    (stage) => {
      const notice = modelNotice("gemini-3-flash-preview", {
        modelVersion: "gemini-3-flash-preview",
        modelStatus: {
          modelStage: stage,
          retirementTime: "2027-01-15T00:00:00Z",
          message: "Migrate to gemini-3.8-flash — the “new” model.\nSee docs.",
        },
      });
      expect(describeNotice(notice as NonNullable<typeof notice>)).toBe(
        `gemini-3-flash-preview; stage ${stage}; retirement 2027-01-15T00:00:00Z; Migrate to gemini-3.8-flash the new model. See docs.`,
      );
    },
  );

  it("keeps the header value short and printable", () => {
    const notice = modelNotice("a", {
      modelVersion: "a",
      modelStatus: { modelStage: "DEPRECATED", message: "x".repeat(2000) },
    });
    const text = describeNotice(notice as NonNullable<typeof notice>);
    expect(text.length).toBe(512);
    expect(text).toMatch(/^[\x20-\x7e]+$/);
  });

  it(`remembers at most ${MAX_MODEL_SIGHTINGS} models, the least recently seen forgotten first`, () => {
    const sightings = new ModelSightings();
    for (let index = 0; index < MAX_MODEL_SIGHTINGS + 10; index++) {
      sightings.record({ asked: `m-${index}`, served: "s" }, index);
    }
    sightings.record({ asked: "m-20", served: "s" }, 1000);
    expect(sightings.size).toBe(MAX_MODEL_SIGHTINGS);
    const list = sightings.list();
    expect(list[0]).toMatchObject({ asked: "m-20", count: 2 });
    expect(list.map((entry) => entry.asked)).not.toContain("m-0");
    expect(list.map((entry) => entry.asked)).toContain("m-10");
  });
});
