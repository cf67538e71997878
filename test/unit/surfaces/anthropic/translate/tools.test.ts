import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../../common/api-error.ts";
import { toGeminiTools } from "../../../../../src/surfaces/anthropic/translate/tools.ts";
import type {
  AnthropicTool,
  AnthropicToolChoice,
} from "../../../../../src/surfaces/anthropic/validate/messages-request.ts";

const bash = {
  name: "Bash",
  description: "Run a command",
  input_schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { command: { type: "string" } },
    required: ["command"],
    additionalProperties: false,
  },
  cache_control: { type: "ephemeral" },
  defer_loading: false,
} as AnthropicTool;

const tools = (list: unknown[], choice?: unknown, search = false) =>
  toGeminiTools(list as AnthropicTool[], choice as AnthropicToolChoice, "gemini-2.5-flash", search);

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error("expected an ApiError");
}

describe("toGeminiTools", () => {
  it("declares custom tools, ignoring cache_control and defer_loading", () => {
    const setup = tools([bash, { name: "Ping", input_schema: { type: "object", properties: {} } }]);
    const declarations = setup.tools?.[0]?.functionDeclarations ?? [];
    expect(declarations.map((declaration) => declaration.name)).toEqual(["Bash", "Ping"]);
    expect(declarations[0]?.description).toBe("Run a command");
    expect(JSON.stringify(declarations[0])).toContain("command");
    expect(JSON.stringify(declarations)).not.toMatch(/cache_control|defer_loading/);
    expect(setup.toolConfig).toBeUndefined();
  });

  it.each([
    [{ type: "auto" }, { mode: "AUTO" }],
    [{ type: "any", disable_parallel_tool_use: true }, { mode: "ANY" }],
    [{ type: "none" }, { mode: "NONE" }],
    [
      { type: "tool", name: "Bash" },
      { mode: "ANY", allowedFunctionNames: ["Bash"] },
    ],
  ])("maps tool_choice %j to %j", (choice, config) => {
    expect(tools([bash], choice).toolConfig).toEqual({ functionCallingConfig: config });
  });

  it("maps server tools to Gemini's built-ins", () => {
    const setup = tools([
      { type: "web_search_20250305", name: "web_search", max_uses: 5 },
      { type: "web_fetch_20250910", name: "web_fetch" },
      { type: "code_execution_20250825", name: "code_execution" },
    ]);
    expect(setup.tools).toEqual([{ googleSearch: {} }, { urlContext: {} }, { codeExecution: {} }]);
  });

  it.each([
    [
      "an Anthropic-defined client tool",
      [{ type: "bash_20250124", name: "bash" }],
      undefined,
      "tools.0.type",
    ],
    ["a name Gemini refuses", [{ ...bash, name: "1bad name" }], undefined, "tools.0.name"],
    ["tool_choice naming no tool", [bash], { type: "tool", name: "Nope" }, "tool_choice.name"],
  ])("answers %s with a 400 naming the field", (_label, list, choice, param) => {
    const error = failure(() => tools(list, choice));
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });
});
