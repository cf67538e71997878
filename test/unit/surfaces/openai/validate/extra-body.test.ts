import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../../../common/api-error.ts";
import { hoistExtraBody } from "../../../../../src/surfaces/openai/validate/extra-body.ts";

const rejection = (body: unknown) => {
  try {
    hoistExtraBody(body);
  } catch (caught) {
    return caught as ApiError;
  }
  throw new Error("expected a rejection");
};

describe("hoistExtraBody", () => {
  it("hoists extra_body.google and keeps a top-level google first", () => {
    expect(hoistExtraBody({ model: "m", extra_body: { google: { a: 1 }, top_k: 3 } })).toEqual({
      model: "m",
      top_k: 3,
      google: { a: 1 },
    });
    expect(hoistExtraBody({ google: { b: 2 }, extra_body: { google: { a: 1 } } })).toEqual({
      google: { b: 2 },
    });
  });

  it.each([
    [{ extra_body: { google: "thinking" } }, "extra_body.google"],
    [{ extra_body: { google: [1, 2] } }, "extra_body.google"],
    [{ extra_body: { google: null } }, "extra_body.google"],
    [{ extra_body: "google" }, "extra_body"],
    [{ extra_body: [1] }, "extra_body"],
    [{ google: [{ thinking_config: {} }] }, "google"],
    [{ google: 7 }, "google"],
  ])("answers 400 for %j naming %s", (body, param) => {
    expect(rejection(body)).toMatchObject({ status: 400, param });
  });
});
