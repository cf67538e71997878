import { describe, expect, it } from "vitest";
import { knownRefusal } from "../../../src/gemini/known-refusals.ts";

describe("knownRefusal", () => {
  it.each([
    [
      "Thinking level MINIMAL is not supported for this model. Please retry with other thinking level.",
      { kind: "thinking-level", level: "MINIMAL" },
    ],
    [
      "Thinking level XHIGH is not supported for this model.",
      { kind: "thinking-level", level: "XHIGH" },
    ],
    ["Thinking level is not supported for this model.", { kind: "no-thinking-level" }],
    ["Thinking budget is not supported for this model.", { kind: "no-thinking-budget" }],
    [
      "The thinking budget 128 is invalid. Please choose a value between 512 and 24576.",
      { kind: "thinking-budget-range", min: 512, max: 24576 },
    ],
    [
      "Budget 0 is invalid. This model only works in thinking mode.",
      { kind: "thinking-budget-zero" },
    ],
    ["Penalty is not enabled for this model", { kind: "penalties" }],
    [
      "Per part media resolution is not supported for this Model.",
      { kind: "part-media-resolution" },
    ],
    ["Sampling parameters are not supported for this model.", { kind: "sampling" }],
    ["temperature is not supported for this model.", { kind: "sampling" }],
  ])("reads %j", (message, refusal) => {
    expect(knownRefusal(400, message)).toEqual(refusal);
  });

  it("reads nothing else: other 400s, and these texts with another status", () => {
    for (const message of [
      "Requests ending with a model turn are not supported.",
      "* GenerateContentRequest.contents: contents is not specified\n",
      'Invalid JSON payload received. Unknown name "thinkingLevl"',
      "You can only set only one of thinking budget and thinking level.",
      "Function calling is not enabled for models/gemma-3-27b-it",
    ]) {
      expect(knownRefusal(400, message), message).toBeNull();
    }
    expect(knownRefusal(500, "Penalty is not enabled for this model")).toBeNull();
  });
});
