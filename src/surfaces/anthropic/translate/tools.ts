import { badRequest } from "../../../../common/api-error.ts";
import { modelCapabilities } from "../../../gemini/model-capabilities.ts";
import type {
  GeminiFunctionDeclaration,
  GeminiTool,
  GeminiToolConfig,
} from "../../../gemini/types.ts";
import { toGeminiFunctionSchema } from "../../../schema/gemini-schema.ts";
import type { AnthropicTool, AnthropicToolChoice } from "../validate/messages-request.ts";

export interface GeminiToolSetup {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
}

/** Gemini's function name rule: a letter or `_` first, then letters, digits, `_ . : -`; 64 at most. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/** Anthropic server tools Gemini has a built-in for, by the type's prefix. */
const SERVER_TOOLS: ReadonlyArray<[prefix: string, tool: GeminiTool]> = [
  ["web_search_", { googleSearch: {} }],
  ["web_fetch_", { urlContext: {} }],
  ["code_execution_", { codeExecution: {} }],
];

/**
 * `tools` + `tool_choice` → Gemini tools/toolConfig. Custom tools (no type, or `custom`) become
 * function declarations, their input_schema through the shared JSON-schema conversion; fields
 * such as `cache_control`, `defer_loading` and `strict` are ignored. Server tools map to Gemini's
 * built-ins (web_search → Google Search, web_fetch → URL context, code_execution → code
 * execution); other Anthropic-defined tools (bash, text_editor, computer, memory) are a 400.
 * Server tools next to custom tools need a Gemini 3 model (with server-side tool invocations on);
 * on 2.x that mix is a 400 naming `tools`, as Gemini itself would refuse it.
 * tool_choice: auto → AUTO, any → ANY, tool → ANY limited to that function, none → NONE;
 * disable_parallel_tool_use has no Gemini counterpart and is ignored.
 */
export function toGeminiTools(
  tools: readonly AnthropicTool[] | null | undefined,
  choice: AnthropicToolChoice | null | undefined,
  model: string,
  search: boolean,
): GeminiToolSetup {
  const declarations: GeminiFunctionDeclaration[] = [];
  const builtIns = new Map<string, GeminiTool>();
  for (const [index, tool] of (tools ?? []).entries()) {
    const path = `tools.${index}`;
    if (!tool.type || tool.type === "custom") {
      declarations.push(toDeclaration(tool, model, path));
      continue;
    }
    const builtIn = SERVER_TOOLS.find(([prefix]) => tool.type?.startsWith(prefix));
    if (!builtIn) {
      throw badRequest(
        `${path}.type`,
        `${path}.type: the Anthropic-defined tool '${tool.type}' is not available on Gemini; declare it as a custom tool with an input_schema.`,
      );
    }
    builtIns.set(builtIn[0], builtIn[1]);
  }
  if (search) builtIns.set("web_search_", { googleSearch: {} });
  let toolConfig = toToolConfig(
    choice,
    declarations.map((declaration) => declaration.name),
  );
  if (builtIns.size > 0 && declarations.length > 0) {
    // Gemini 3 runs its built-ins beside function calls when asked to; 2.x refuses the mix.
    if (!modelCapabilities(model).searchWithFunctions) throw builtInsWithFunctions(model);
    toolConfig = { ...toolConfig, includeServerSideToolInvocations: true };
  }
  const geminiTools: GeminiTool[] = [];
  if (declarations.length > 0) geminiTools.push({ functionDeclarations: declarations });
  geminiTools.push(...builtIns.values());
  return {
    ...(geminiTools.length > 0 && { tools: geminiTools }),
    ...(toolConfig && { toolConfig }),
  };
}

const builtInsWithFunctions = (model: string) =>
  badRequest(
    "tools",
    `tools: ${model} cannot use server tools (web_search, web_fetch, code_execution) together with custom tools; Gemini 3 models can (e.g. gemini-3-flash-preview). Drop one kind, or pick a Gemini 3 model.`,
    "unsupported_tool_combination",
  );

function toDeclaration(
  tool: AnthropicTool,
  model: string,
  path: string,
): GeminiFunctionDeclaration {
  if (!FUNCTION_NAME.test(tool.name)) {
    throw badRequest(
      `${path}.name`,
      `${path}.name: '${tool.name.slice(0, 80)}' is not a name Gemini accepts (a letter or '_' first, then letters, digits, '_', '.', ':', '-'; at most 64 characters).`,
    );
  }
  const declaration: GeminiFunctionDeclaration = { name: tool.name };
  if (tool.description) declaration.description = tool.description;
  return {
    ...declaration,
    ...toGeminiFunctionSchema(tool.input_schema, { model, param: `${path}.input_schema` }),
  };
}

function toToolConfig(
  choice: AnthropicToolChoice | null | undefined,
  names: readonly string[],
): GeminiToolConfig | undefined {
  if (!choice || names.length === 0) return undefined;
  switch (choice.type) {
    case "auto":
      return { functionCallingConfig: { mode: "AUTO" } };
    case "none":
      return { functionCallingConfig: { mode: "NONE" } };
    case "any":
      return { functionCallingConfig: { mode: "ANY" } };
    case "tool":
      if (!names.includes(choice.name)) {
        throw badRequest(
          "tool_choice.name",
          `tool_choice.name: no tool named '${choice.name.slice(0, 80)}' is in 'tools'.`,
        );
      }
      return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.name] } };
  }
}
