import { describe, expect, it } from "vitest";
import {
  toAnthropicModel,
  toModelPage,
} from "../../../../../src/surfaces/anthropic/translate/models.ts";

const models = ["a", "b", "c", "d", "e"].map((id) =>
  toAnthropicModel({ name: `models/${id}`, displayName: id.toUpperCase() }),
);
const ids = (page: { data: { id: string }[] }) => page.data.map((model) => model.id);

describe("Anthropic's model pages", () => {
  it("pages forward with after_id until has_more is false", () => {
    const first = toModelPage(models, { limit: 2 });
    expect(ids(first)).toEqual(["a", "b"]);
    expect(first).toMatchObject({ has_more: true, first_id: "a", last_id: "b" });
    const second = toModelPage(models, { limit: 2, afterId: "b" });
    expect(ids(second)).toEqual(["c", "d"]);
    const last = toModelPage(models, { limit: 2, afterId: "d" });
    expect(ids(last)).toEqual(["e"]);
    expect(last.has_more).toBe(false);
  });

  it("pages backward with before_id", () => {
    const page = toModelPage(models, { limit: 2, beforeId: "d" });
    expect(ids(page)).toEqual(["b", "c"]);
    expect(page.has_more).toBe(true);
    expect(toModelPage(models, { limit: 2, beforeId: "c" }).has_more).toBe(false);
  });

  it("answers an empty page with null ids", () => {
    expect(toModelPage([], { limit: 20 })).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
  });

  it("names a Claude alias with the Gemini model that serves it", () => {
    const model = toAnthropicModel(
      { name: "models/gemini-2.5-pro", displayName: "Gemini 2.5 Pro", outputTokenLimit: 65536 },
      "claude-sonnet-4-5",
    );
    expect(model).toMatchObject({
      type: "model",
      id: "claude-sonnet-4-5",
      display_name: "claude-sonnet-4-5 (served by Gemini 2.5 Pro)",
      max_tokens: 65536,
      created_at: "1970-01-01T00:00:00Z",
    });
  });
});
