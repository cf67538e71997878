import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../common/api-error.ts";
import { toGeminiConversation } from "../../../../src/surfaces/responses/translate/input-items.ts";
import { toReasoningContent } from "../../../../src/surfaces/responses/translate/reasoning-content.ts";
import { ToolNames } from "../../../../src/surfaces/responses/translate/tools.ts";

const noImages = async () => {
  throw new Error("no remote images in this test");
};

describe("Responses input → Gemini contents", () => {
  it("puts a replayed reasoning item's signature on the model turn that follows it", async () => {
    const { contents } = await toGeminiConversation(
      [
        { role: "user", content: "hi" },
        {
          type: "reasoning",
          id: "rs_1",
          summary: [],
          encrypted_content: toReasoningContent("U0lH"),
        },
        { type: "function_call", call_id: "call_1", name: "ls", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "a b" },
      ],
      new ToolNames(),
      noImages,
      true,
    );
    expect(contents).toEqual([
      { role: "user", parts: [{ text: "hi" }] },
      {
        role: "model",
        parts: [{ functionCall: { id: "call_1", name: "ls", args: {} }, thoughtSignature: "U0lH" }],
      },
      {
        role: "user",
        parts: [{ functionResponse: { id: "call_1", name: "ls", response: { result: "a b" } } }],
      },
    ]);
  });

  it("gives Gemini 3 Google's documented placeholder when a client dropped every signature", async () => {
    const { contents } = await toGeminiConversation(
      [
        { role: "user", content: "hi" },
        { type: "function_call", call_id: "call_1", name: "ls", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "ok" },
      ],
      new ToolNames(),
      noImages,
      true,
    );
    expect(contents[1]?.parts[0]?.thoughtSignature).toBe("skip_thought_signature_validator");
  });

  it("moves system and developer messages to the instructions", async () => {
    const conversation = await toGeminiConversation(
      [
        { type: "message", role: "developer", content: [{ type: "input_text", text: "Rule" }] },
        { role: "user", content: "hi" },
      ],
      new ToolNames(),
      noImages,
      false,
    );
    expect(conversation.instructions).toEqual(["Rule"]);
    expect(conversation.contents).toEqual([{ role: "user", parts: [{ text: "hi" }] }]);
  });

  it.each([
    [{ id: "msg_1" }, "'item_reference' is not supported"],
    [{ content: "no role, no type" }, "Missing required parameter: 'input[0].type'"],
  ])("reads %j as what it is, never as type 'undefined'", async (item, message) => {
    const error = (await toGeminiConversation([item], new ToolNames(), noImages, false).catch(
      (caught: unknown) => caught,
    )) as ApiError;
    expect(error.param).toBe("input[0].type");
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("undefined");
  });

  it("gives each input_image its own mediaResolution from detail (original → ULTRA_HIGH)", async () => {
    const image = (detail?: string | null) => ({
      type: "input_image",
      image_url: "data:image/png;base64,iVBORw0KGgo=",
      ...(detail === undefined ? {} : { detail }),
    });
    const { contents } = await toGeminiConversation(
      [
        {
          role: "user",
          content: [image("low"), image("high"), image("original"), image("auto"), image(null)],
        },
      ],
      new ToolNames(),
      noImages,
      false,
    );
    expect(contents[0]?.parts.map((part) => part.mediaResolution?.level)).toEqual([
      "MEDIA_RESOLUTION_LOW",
      "MEDIA_RESOLUTION_HIGH",
      "MEDIA_RESOLUTION_ULTRA_HIGH",
      undefined,
      undefined,
    ]);
  });

  it.each([
    [[{ type: "item_reference", id: "msg_1" }], "input[0].type"],
    [
      [
        {
          role: "user",
          content: [
            { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=", detail: "max" },
          ],
        },
      ],
      "input[0].content[0].detail",
    ],
    [[{ type: "function_call_output", call_id: "nope", output: "x" }], "input[0].call_id"],
    [[{ role: "tool", content: "x" }], "input[0].role"],
    [
      [{ role: "user", content: [{ type: "input_image", file_id: "file_1" }] }],
      "input[0].content[0].image_url",
    ],
    [
      [
        {
          role: "user",
          content: [{ type: "input_image", image_url: "data:text/html;base64,PGI+" }],
        },
      ],
      "input[0].content[0].image_url",
    ],
  ])("answers 400 naming the field for %j", async (input, param) => {
    const error = await toGeminiConversation(
      input as Record<string, unknown>[],
      new ToolNames(),
      noImages,
      false,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).param).toBe(param);
  });
});
