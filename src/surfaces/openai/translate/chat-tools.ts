import { badRequest } from "../../../../common/api-error.ts";
import { modelCapabilities } from "../../../gemini/model-capabilities.ts";
import type {
  GeminiFunctionDeclaration,
  GeminiTool,
  GeminiToolConfig,
} from "../../../gemini/types.ts";
import { toGeminiFunctionSchema } from "../../../schema/gemini-schema.ts";
import type { OpenAIChatRequest } from "./openai-types.ts";

export interface GeminiToolSetup {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
}

/**
 * `tools` + `tool_choice` → Gemini tools/toolConfig. auto → AUTO, none → NONE, required → ANY, a
 * named function → ANY limited to it; `allowed_tools` limits the declarations. `search` adds
 * googleSearch. parallel_tool_calls has no Gemini equivalent and is ignored.
 *
 * Search next to function declarations: Gemini 3 takes it with
 * `toolConfig.includeServerSideToolInvocations` (https://ai.google.dev/gemini-api/docs/tool-combination);
 * Gemini 2.x refuses the combination, so that is a 400 here, before any key is spent.
 */
export function toGeminiTools(
  request: OpenAIChatRequest,
  search: boolean,
  model: string,
): GeminiToolSetup {
  let declarations = (request.tools ?? []).flatMap((tool, index): GeminiFunctionDeclaration[] =>
    tool.type === "function"
      ? [toDeclaration(tool.function, model, `tools[${index}].function.parameters`)]
      : [],
  );
  const names = declarations.map((declaration) => declaration.name);
  const choice = request.tool_choice;
  let toolConfig: GeminiToolConfig | undefined;
  if (declarations.length > 0 && choice !== undefined) {
    if (choice === "auto") toolConfig = { functionCallingConfig: { mode: "AUTO" } };
    else if (choice === "none") toolConfig = { functionCallingConfig: { mode: "NONE" } };
    else if (choice === "required") toolConfig = { functionCallingConfig: { mode: "ANY" } };
    else if (choice.type === "function") {
      const name = choice.function.name;
      if (!names.includes(name)) {
        throw badRequest(
          "tool_choice.function.name",
          `Invalid value for 'tool_choice.function.name': no function named '${name}' is in 'tools'.`,
        );
      }
      toolConfig = { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [name] } };
    } else if (choice.type === "allowed_tools") {
      const allowed = new Set(
        choice.allowed_tools.tools.map(
          (tool) => (tool.function as { name?: string } | undefined)?.name,
        ),
      );
      declarations = declarations.filter((declaration) => allowed.has(declaration.name));
      const mode = choice.allowed_tools.mode === "required" ? "ANY" : "AUTO";
      toolConfig = { functionCallingConfig: { mode } };
    }
  }
  const tools: GeminiTool[] = [];
  if (declarations.length > 0) tools.push({ functionDeclarations: declarations });
  const searching = search || Boolean(request.web_search_options);
  if (searching) tools.push({ googleSearch: {} });
  if (searching && declarations.length > 0) {
    if (!modelCapabilities(model).searchWithFunctions) throw searchWithFunctions(model, search);
    toolConfig = { ...toolConfig, includeServerSideToolInvocations: true };
  }
  return { ...(tools.length > 0 && { tools }), ...(toolConfig && { toolConfig }) };
}

function searchWithFunctions(model: string, suffix: boolean) {
  const asked = suffix ? "the ':search' model suffix" : "'web_search_options'";
  return badRequest(
    "tools",
    `Invalid value for 'tools': ${model} cannot use Google Search (asked by ${asked}) together with function tools; Gemini 3 models can (e.g. gemini-3-flash-preview). Drop the search or the function tools, or pick a Gemini 3 model.`,
    "unsupported_tool_combination",
  );
}

function toDeclaration(
  fn: { name: string; description?: string; parameters?: Record<string, unknown> },
  model: string,
  param: string,
): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name: fn.name };
  if (fn.description) declaration.description = fn.description;
  return { ...declaration, ...toGeminiFunctionSchema(fn.parameters, { model, param }) };
}
