import { ApiError } from "../../../common/api-error.ts";
import { type ModelSelection, parseModelName } from "../../gemini/model-name.ts";

/**
 * Which Gemini model serves a Claude model name. Keys are exact names or words a name contains
 * (`opus`, `sonnet`, `haiku`); `default` serves any other `claude-*` name. Values are Gemini model
 * names and may carry the router's suffixes (`-thinking-high`, `:search`).
 */
export type AnthropicModelMap = Record<string, string>;

/**
 * Models that serve free-tier keys today (the free tier holds the Flash and Flash-Lite families;
 * README "Models"): the strongest Flash for opus and sonnet, the cheapest Flash-Lite for haiku.
 * Paid keys can point opus at Gemini 4 (`{"opus":"gemini-4-argon"}`).
 */
export const DEFAULT_ANTHROPIC_MODEL_MAP: Readonly<AnthropicModelMap> = {
  opus: "gemini-3.8-flash",
  sonnet: "gemini-3.8-flash",
  haiku: "gemini-3.5-flash-lite",
  default: "gemini-3.8-flash",
};

/**
 * `ANTHROPIC_MODEL_MAP` (a JSON object) over the defaults: the entries it names replace theirs,
 * the others stay. Unset or blank → the defaults. Not a JSON object of strings → a 500 naming the
 * variable (the operator's mistake, not the client's).
 */
export function readModelMap(raw: unknown): AnthropicModelMap {
  if (typeof raw !== "string" || raw.trim() === "") return { ...DEFAULT_ANTHROPIC_MODEL_MAP };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw misconfigured("it is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw misconfigured("it must be a JSON object");
  }
  const map: AnthropicModelMap = { ...DEFAULT_ANTHROPIC_MODEL_MAP };
  for (const [name, target] of Object.entries(parsed)) {
    if (typeof target !== "string" || target.trim() === "") {
      throw misconfigured(`the value of '${name}' must be a Gemini model name`);
    }
    map[name.toLowerCase()] = target.trim();
  }
  return map;
}

/**
 * The Gemini model (with suffix options) for the model a client asked for: an exact entry of the
 * map first, then for `claude-*` names the first entry word the name contains (longest word
 * first), else `default`. Any other name goes through the router's model grammar as it is
 * (Gemini ids and their suffixes pass; a name that breaks the grammar is a 400 naming `model`).
 */
export function resolveModel(
  requested: string,
  map: AnthropicModelMap,
  defaultModel: string,
): ModelSelection {
  const name = requested.trim().toLowerCase();
  const exact = map[name];
  if (exact) return parseModelName(exact, defaultModel, "ANTHROPIC_MODEL_MAP");
  if (name.startsWith("claude")) {
    const words = Object.keys(map)
      .filter((word) => word !== "default" && !word.startsWith("claude"))
      .sort((a, b) => b.length - a.length);
    const word = words.find((candidate) => name.includes(candidate));
    const target = (word && map[word]) || map.default || defaultModel;
    return parseModelName(target, defaultModel, "ANTHROPIC_MODEL_MAP");
  }
  return parseModelName(requested, defaultModel);
}

const misconfigured = (reason: string) =>
  new ApiError(500, `ANTHROPIC_MODEL_MAP is misconfigured: ${reason}.`, {
    type: "api_error",
    code: "model_map_invalid",
  });
