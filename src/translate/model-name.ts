export type ThinkingLevelName = "none" | "low" | "medium" | "high";

export interface ModelSelection {
  /** Gemini model id without the `models/` prefix, e.g. `gemini-2.5-flash`. */
  model: string;
  thinking?: { level: ThinkingLevelName; includeThoughts: boolean };
  /** Add the googleSearch tool. */
  search: boolean;
}

const GEMINI_FAMILY = /^(gemini|gemma|learnlm)-/;
const SEARCH_SUFFIX = /(:search|-search-preview)$/;
const THINKING_SUFFIX = /-(thinking|refined)-(none|low|medium|high)$/;

/**
 * Reads the model a client asked for. Suffixes may combine in any order:
 * `<m>-thinking-<level>` (thinking on, thoughts returned), `<m>-refined-<level>` (thinking on,
 * thoughts hidden), `<m>:search` / `<m>-search-preview` (Google Search grounding). A missing or
 * non-Gemini name (e.g. `gpt-4o`) uses `defaultModel`, which may carry suffixes itself; suffixes
 * on the requested name still apply.
 */
export function parseModelName(
  requested: string | undefined,
  defaultModel: string,
): ModelSelection {
  const own = stripSuffixes(requested ?? "");
  if (GEMINI_FAMILY.test(own.model)) return own;
  const fallback = stripSuffixes(defaultModel);
  return {
    model: fallback.model,
    search: own.search || fallback.search,
    ...((own.thinking ?? fallback.thinking) && { thinking: own.thinking ?? fallback.thinking }),
  };
}

function stripSuffixes(name: string): ModelSelection {
  let model = name
    .trim()
    .toLowerCase()
    .replace(/^models\//, "");
  const selection: ModelSelection = { model, search: false };
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
