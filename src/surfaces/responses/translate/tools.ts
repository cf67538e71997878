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
import type { ResponsesRequest } from "../validate/responses-request.ts";

/** How the model sees a client's tool, and how its calls go back to the client. */
interface ToolEntry {
  name: string;
  namespace?: string;
  /** `custom` tools take one free-form string; their calls come back as custom_tool_call items. */
  custom: boolean;
}

/**
 * Gemini function names ↔ the client's tools. Codex groups tools in `namespace` tools; Gemini has
 * no namespaces, so a namespaced function is declared as `<namespace>.<name>` (dots are allowed in
 * Gemini function names) and its calls are split back by this table, so names round-trip exactly.
 */
export class ToolNames {
  readonly #byGeminiName = new Map<string, ToolEntry>();

  add(entry: ToolEntry): string {
    const geminiName = entry.namespace ? `${entry.namespace}.${entry.name}` : entry.name;
    this.#byGeminiName.set(geminiName, entry);
    return geminiName;
  }

  toGemini(name: string, namespace?: string): string {
    return namespace ? `${namespace}.${name}` : name;
  }

  /** The client's view of a function the model called; unknown names pass through as functions. */
  fromGemini(geminiName: string): ToolEntry {
    return this.#byGeminiName.get(geminiName) ?? { name: geminiName, custom: false };
  }
}

export interface GeminiToolSetup {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  names: ToolNames;
  /** Hosted tools left out because the model cannot combine them (said in a response header). */
  dropped: string[];
}

type Tool = Record<string, unknown>;

/** Gemini's rule for function names (FunctionDeclaration.name in the v1beta protos). */
const GEMINI_FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/**
 * `tools` + `tool_choice` → Gemini tools/toolConfig. function and custom tools (also inside
 * namespaces) become function declarations; `web_search` / `web_search_preview` become Google
 * Search — left out, and named in `dropped`, when the model cannot combine Search with functions
 * (Gemini 2.x); `file_search` over Gemini File Search stores becomes Gemini's fileSearch; other
 * hosted tools are refused. `parallel_tool_calls` has no Gemini switch.
 */
export function toGeminiTools(request: ResponsesRequest, model: string): GeminiToolSetup {
  const canCombineSearchWithFunctions = modelCapabilities(model).searchWithFunctions;
  const names = new ToolNames();
  const declarations: GeminiFunctionDeclaration[] = [];
  let search = false;
  let fileSearch: GeminiTool["fileSearch"];
  const declare = (tool: Tool, path: string, namespace?: string) => {
    const name = tool.name;
    if (typeof name !== "string" || name === "") {
      throw badRequest(`${path}.name`, `Missing required parameter: '${path}.name'.`);
    }
    const custom = tool.type === "custom";
    const geminiName = names.add({ name, custom, ...(namespace && { namespace }) });
    if (!GEMINI_FUNCTION_NAME.test(geminiName)) {
      throw badRequest(
        `${path}.name`,
        `Invalid value for '${path}.name': '${geminiName}' must start with a letter or '_' and use letters, digits, '_', '.', ':' or '-' (at most 64 characters).`,
      );
    }
    const description = describe(tool, namespace);
    const parameters = custom ? CUSTOM_TOOL_PARAMETERS : tool.parameters;
    declarations.push({
      name: geminiName,
      ...(description && { description }),
      ...toGeminiFunctionSchema(parameters, { model, param: `${path}.parameters` }),
    });
  };

  for (const [index, tool] of (request.tools ?? []).entries()) {
    const path = `tools[${index}]`;
    switch (tool.type) {
      case "function":
      case "custom":
        declare(tool, path);
        break;
      case "namespace": {
        const namespace = typeof tool.name === "string" ? tool.name : "";
        const inner = Array.isArray(tool.tools) ? (tool.tools as Tool[]) : [];
        for (const [position, member] of inner.entries()) {
          if (member.type !== "function" && member.type !== "custom") {
            throw badRequest(
              `${path}.tools[${position}].type`,
              `Invalid value for '${path}.tools[${position}].type': a namespace holds function and custom tools.`,
            );
          }
          declare(member, `${path}.tools[${position}]`, namespace);
        }
        break;
      }
      case "web_search":
      case "web_search_preview":
      case "web_search_2025_08_26":
      case "web_search_preview_2025_03_11":
        search = true;
        break;
      case "file_search":
        fileSearch = toGeminiFileSearch(tool, path, fileSearch);
        break;
      default:
        throw badRequest(
          `${path}.type`,
          `Invalid value for '${path}.type': the hosted tool '${String(tool.type)}' is not available on Gemini (function, custom, namespace and web_search tools are).`,
          "unsupported_tool",
        );
    }
  }

  const choice = request.tool_choice;
  if (typeof choice === "object" && choice?.type === "allowed_tools") {
    // Gemini limits calls to named functions only in ANY mode: the others are left undeclared.
    const allowed = new Set(
      (Array.isArray(choice.tools) ? (choice.tools as Tool[]) : []).map((tool) =>
        names.toGemini(
          String(tool.name ?? ""),
          typeof tool.namespace === "string" ? tool.namespace : undefined,
        ),
      ),
    );
    declarations.splice(0, declarations.length, ...declarations.filter((d) => allowed.has(d.name)));
  }
  const dropped: string[] = [];
  const tools: GeminiTool[] = [];
  if (declarations.length > 0) tools.push({ functionDeclarations: declarations });
  let serverSideTools = false;
  if (search) {
    if (declarations.length === 0) tools.push({ googleSearch: {} });
    else if (canCombineSearchWithFunctions) {
      tools.push({ googleSearch: {} });
      serverSideTools = true;
    } else dropped.push("web_search");
  }
  if (fileSearch) tools.push({ fileSearch });
  const functionCallingConfig = toFunctionCalling(choice, names, declarations);
  const toolConfig: GeminiToolConfig | undefined =
    functionCallingConfig || serverSideTools
      ? {
          ...(functionCallingConfig && { functionCallingConfig }),
          ...(serverSideTools && { includeServerSideToolInvocations: true }),
        }
      : undefined;
  return {
    ...(tools.length > 0 && { tools }),
    ...(toolConfig && { toolConfig }),
    names,
    dropped,
  };
}

function describe(tool: Tool, namespace?: string): string | undefined {
  const description =
    tool.type === "custom"
      ? describeCustomTool(tool.description, tool.format as CustomToolFormat | undefined)
      : typeof tool.description === "string" && tool.description !== ""
        ? tool.description
        : undefined;
  return description ?? (namespace ? `Part of ${namespace}.` : undefined);
}

function toFunctionCalling(
  choice: ResponsesRequest["tool_choice"],
  names: ToolNames,
  declarations: readonly GeminiFunctionDeclaration[],
): GeminiToolConfig["functionCallingConfig"] | undefined {
  if (declarations.length === 0 || choice == null) return undefined;
  if (choice === "auto") return { mode: "AUTO" };
  if (choice === "none") return { mode: "NONE" };
  if (choice === "required") return { mode: "ANY" };
  if (choice.type === "function" || choice.type === "custom") {
    const name = names.toGemini(
      String(choice.name ?? ""),
      typeof choice.namespace === "string" ? choice.namespace : undefined,
    );
    if (!declarations.some((declaration) => declaration.name === name)) {
      throw badRequest(
        "tool_choice.name",
        `Invalid value for 'tool_choice.name': no tool named '${name}' is in 'tools'.`,
      );
    }
    return { mode: "ANY", allowedFunctionNames: [name] };
  }
  if (choice.type === "allowed_tools") return { mode: choice.mode === "required" ? "ANY" : "AUTO" };
  // A hosted tool choice (web_search_preview, …): let the model decide.
  return { mode: "AUTO" };
}

/**
 * A `file_search` tool whose `vector_store_ids` name Gemini File Search stores
 * (`fileSearchStores/…`, made through the native API: the gateway has no OpenAI vector stores) →
 * Gemini's fileSearch tool (`max_num_results` → `topK`); several such tools are merged. The
 * stores' key is then the one the request goes to (src/affinity/pin-for-body.ts). OpenAI's
 * `filters` have no faithful Gemini form (Gemini takes an AIP-160 `metadataFilter` string): 400.
 */
function toGeminiFileSearch(
  tool: Tool,
  path: string,
  earlier: GeminiTool["fileSearch"],
): GeminiTool["fileSearch"] {
  const ids = tool.vector_store_ids;
  if (!Array.isArray(ids) || ids.length === 0) {
    throw badRequest(
      `${path}.vector_store_ids`,
      `Missing required parameter: '${path}.vector_store_ids'.`,
    );
  }
  ids.forEach((id, index) => {
    if (typeof id !== "string" || !/^fileSearchStores\/[A-Za-z0-9_-]{1,512}$/.test(id)) {
      throw badRequest(
        `${path}.vector_store_ids[${index}]`,
        `Invalid value for '${path}.vector_store_ids[${index}]': name a Gemini File Search store (fileSearchStores/{id}, created with POST /v1beta/fileSearchStores); OpenAI vector stores do not exist on Gemini.`,
      );
    }
  });
  if (tool.filters !== undefined && tool.filters !== null) {
    throw badRequest(
      `${path}.filters`,
      `'${path}.filters' is not supported on Gemini: its File Search takes a metadata filter string (AIP-160) instead; leave filters out.`,
      "unsupported_parameter",
    );
  }
  const limit = tool.max_num_results;
  if (
    limit !== undefined &&
    (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 50)
  ) {
    throw badRequest(
      `${path}.max_num_results`,
      `Invalid value for '${path}.max_num_results': an integer from 1 to 50.`,
    );
  }
  return {
    fileSearchStoreNames: [...(earlier?.fileSearchStoreNames ?? []), ...(ids as string[])],
    ...((typeof limit === "number" || earlier?.topK !== undefined) && {
      topK: typeof limit === "number" ? limit : earlier?.topK,
    }),
  };
}
