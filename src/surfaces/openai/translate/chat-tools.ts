import { badRequest } from "../../../../common/api-error.ts";
import {
  CUSTOM_TOOL_PARAMETERS,
  type CustomToolFormat,
  describeCustomTool,
} from "../../../gemini/custom-tool.ts";
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
  /** The names of the `custom` tools: their calls go back as custom tool calls. */
  customTools: ReadonlySet<string>;
}

/**
 * `tools` + `tool_choice` → Gemini tools/toolConfig. Function tools become declarations with their
 * parameters; `custom` tools (free-form input) become declarations with one string argument
 * `input` (src/gemini/custom-tool.ts). auto → AUTO, none → NONE, required → ANY, a named function
 * or custom tool → ANY limited to it; `allowed_tools` limits the declarations. `search` adds
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
  const customTools = new Set<string>();
  let declarations = (request.tools ?? []).map((tool, index): GeminiFunctionDeclaration => {
    if (tool.type === "function") {
      return toDeclaration(tool.function, model, `tools[${index}].function.parameters`);
    }
    customTools.add(tool.custom.name);
    const description = describeCustomTool(
      tool.custom.description,
      tool.custom.format as CustomToolFormat | undefined,
    );
    return toDeclaration(
      { name: tool.custom.name, parameters: CUSTOM_TOOL_PARAMETERS, description },
      model,
      `tools[${index}].custom`,
    );
  });
  const names = declarations.map((declaration) => declaration.name);
  const choice = request.tool_choice;
  let toolConfig: GeminiToolConfig | undefined;
  if (declarations.length > 0 && choice !== undefined) {
    if (choice === "auto") toolConfig = { functionCallingConfig: { mode: "AUTO" } };
    else if (choice === "none") toolConfig = { functionCallingConfig: { mode: "NONE" } };
    else if (choice === "required") toolConfig = { functionCallingConfig: { mode: "ANY" } };
    else if (choice.type === "function" || choice.type === "custom") {
      const [name, param] =
        choice.type === "function"
          ? [choice.function.name, "tool_choice.function.name"]
          : [choice.custom.name, "tool_choice.custom.name"];
      if (!names.includes(name)) {
        throw badRequest(
          param,
          `Invalid value for '${param}': no ${choice.type === "function" ? "function" : "custom tool"} named '${name}' is in 'tools'.`,
        );
      }
      toolConfig = { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [name] } };
    } else if (choice.type === "allowed_tools") {
      const allowed = new Set(
        choice.allowed_tools.tools.map(
          (tool) => ((tool.function ?? tool.custom) as { name?: string } | undefined)?.name,
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
  return {
    ...(tools.length > 0 && { tools }),
    ...(toolConfig && { toolConfig }),
    customTools,
  };
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
  fn: { name: string; description?: string | undefined; parameters?: Record<string, unknown> },
  model: string,
  param: string,
): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name: fn.name };
  if (fn.description) declaration.description = fn.description;
  return { ...declaration, ...toGeminiFunctionSchema(fn.parameters, { model, param }) };
}
