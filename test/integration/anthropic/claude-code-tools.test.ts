import { afterAll, beforeAll, describe, expect, it } from "vitest";
import corpus from "../../fixtures/schemas/claude-code/claude-code.json" with { type: "json" };
import { type BackendFixture, PASS, startBackend } from "../../support/backend.ts";

/**
 * Claude Code's built-in tools (their input schemas as Claude Code 2.1.197 sends them, captured
 * into the schema corpus) go through the Anthropic surface to every kind of model: Gemini's
 * JSON-Schema mode (2.5, 3) and its OpenAPI subset (2.0); the strict emulator refuses what the
 * real API would.
 */
let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

/** The corpus keeps each tool as {name, description, schema}; Claude Code sends input_schema. */
const tools = corpus.tools.map(({ name, description, schema }) => ({
  name,
  description,
  input_schema: schema,
}));

describe("Claude Code's tool definitions on the Anthropic surface", () => {
  it("are the whole captured set", () => {
    expect(corpus.tools.length).toBeGreaterThanOrEqual(20);
    expect(corpus.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["Bash", "Read", "Edit", "Write", "Agent", "WebFetch"]),
    );
  });

  it.each([
    "gemini-2.5-flash",
    "gemini-3.1-pro-preview",
    "gemini-3-flash-preview",
    "gemini-4-argon",
  ])("are accepted on %s, and the model can call one of them", async (model) => {
    backend.emulator.reset();
    const response = await fetch(`${backend.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({
        model,
        max_tokens: 4096,
        tools,
        messages: [{ role: "user", content: "please call Edit" }],
      }),
    });
    const message = (await response.json()) as {
      stop_reason: string;
      content: { type: string; name?: string; input?: Record<string, unknown> }[];
    };
    expect(response.status).toBe(200);
    expect(message.stop_reason).toBe("tool_use");
    const call = message.content.find((block) => block.type === "tool_use");
    expect(call?.name).toBe("Edit");
    expect(Object.keys(call?.input ?? {})).toEqual(
      expect.arrayContaining(["file_path", "old_string", "new_string"]),
    );
    const sent = backend.emulator.requests().at(-1)?.body as {
      tools: { functionDeclarations: unknown[] }[];
    };
    expect(sent.tools[0]?.functionDeclarations).toHaveLength(corpus.tools.length);
  });
});
