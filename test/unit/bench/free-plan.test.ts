import { describe, expect, it } from "vitest";
import { freePlanMarkdown } from "../../../bench/free-plan.ts";

describe("freePlanMarkdown", () => {
  it("shows a workload that could not be measured as dashes, never NaN", () => {
    const markdown = freePlanMarkdown({
      rows: [
        {
          workload: "chat",
          label: "chat (non-streaming)",
          floorMs: 0.5,
          backendMs: 1.2,
          orchestratorMs: 0.7,
          backendRatio: 2.4,
        },
        {
          workload: "image-2k",
          label: "image generation",
          floorMs: Number.NaN,
          backendMs: Number.NaN,
          orchestratorMs: Number.NaN,
          backendRatio: Number.NaN,
        },
      ],
      perChunk: null,
      plan: "3 round(s)",
    });
    expect(markdown).toContain(
      "| chat (non-streaming) | 0.50 | 1.20 | 2.40× | fits | 0.70 | fits |",
    );
    expect(markdown).toContain("| image generation | – | – | – | – | – | – |");
    expect(markdown).not.toContain("NaN");
  });
});
