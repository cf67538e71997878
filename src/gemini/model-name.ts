import { invalidModelId, isModelId, type ModelId, parseModelId } from "./model-id.ts";

export type ThinkingLevelName = "none" | "minimal" | "low" | "medium" | "high" | "xhigh";

export interface ModelSelection {
  /** Gemini model id without the `models/` prefix, e.g. `gemini-2.5-flash`. */
  model: ModelId;
  thinking?: { level: ThinkingLevelName; includeThoughts: boolean };
  /** Add the googleSearch tool. */
  search: boolean;
}

const GEMINI_FAMILY = /^(gemini|gemma|learnlm)-/;
const SEARCH_SUFFIX = /(:search|-search-preview)$/;
const THINKING_SUFFIX = /-(thinking|refined)-(none|minimal|low|medium|high|xhigh)$/;

/**
 * Reads the model a client asked for. Suffixes may combine in any order:
 * `<m>-thinking-<level>` (thinking on, thoughts returned), `<m>-refined-<level>` (thinking on,
 * thoughts hidden), `<m>:search` / `<m>-search-preview` (Google Search grounding). A missing or
 * non-Gemini name (e.g. `gpt-4o`) uses `defaultModel`, which may carry suffixes itself; suffixes
 * on the requested name still apply. A name that breaks the model-id grammar is a 400 naming
 * `param`, whatever its family: it never reaches a URL.
 */
export function parseModelName(
  requested: string | undefined,
  defaultModel: string,
  param = "model",
): ModelSelection {
  const own = stripSuffixes(requested ?? "");
  // A name that is nothing but suffixes (`:search`) is no model id either.
  const blank = (requested ?? "").trim() === "";
  if ((own.model !== "" || !blank) && !isModelId(own.model)) {
    throw invalidModelId(requested ?? "", param);
  }
  if (GEMINI_FAMILY.test(own.model)) return { ...own, model: own.model as ModelId };
  const fallback = stripSuffixes(defaultModel);
  return {
    model: parseModelId(fallback.model, "DEFAULT_MODEL"),
    search: own.search || fallback.search,
    ...((own.thinking ?? fallback.thinking) && { thinking: own.thinking ?? fallback.thinking }),
  };
}

interface Stripped {
  model: string;
  thinking?: ModelSelection["thinking"];
  search: boolean;
}

function stripSuffixes(name: string): Stripped {
  // A blank name is a missing one; whitespace inside a name breaks the grammar.
  let model = name.trim() === "" ? "" : name.toLowerCase().replace(/^models\//, "");
  const selection: Stripped = { model, search: false };
  for (;;) {
    const search = SEARCH_SUFFIX.exec(model);
    if (search) {
      selection.search = true;
      model = model.slice(0, search.index);
      continue;
    }
    const thinking = THINKING_SUFFIX.exec(model);
    if (thinking) {
      // The outermost (last) suffix wins when a name repeats one.
      selection.thinking ??= {
        level: thinking[2] as ThinkingLevelName,
        includeThoughts: thinking[1] === "thinking",
      };
      model = model.slice(0, thinking.index);
      continue;
    }
    break;
  }
  selection.model = model;
  return selection;
}
