import { ApiError } from "../../common/api-error.ts";
import type { Principal } from "../../common/authenticate.ts";
import { modelMatches } from "../../common/model-glob.ts";

/**
 * The check a per-user token's model list puts on every upstream call, or null when the principal
 * may use every model (the admin, a token without `models`). It runs where the Gemini model is
 * final — after DEFAULT_MODEL, ANTHROPIC_MODEL_MAP and suffixes have been applied — so a glob
 * names the model that would serve the request, whatever the client called it. Refused before any
 * upstream call: 403 naming the model.
 */
export function modelAllowlistOf(
  principal: Principal | undefined,
): ((model: string) => void) | null {
  if (principal?.kind !== "token" || principal.claims.models === undefined) return null;
  const globs = principal.claims.models;
  return (model) => {
    if (modelMatches(model, globs)) return;
    const id = model.startsWith("models/") ? model.slice("models/".length) : model;
    throw new ApiError(
      403,
      `This token may not use the model "${id}"; it may use: ${globs.join(", ")}.`,
      { param: "model", code: "model_not_allowed" },
    );
  };
}
