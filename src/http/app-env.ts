import type { ApiError } from "../../common/api-error.ts";
import type { Principal } from "../../common/authenticate.ts";
import type { Env } from "../env.ts";
import type { ModelNotice } from "../gemini/model-notice.ts";
import type { Attempt } from "../pool/key-failover.ts";
import type { RequestUsage } from "../usage/request-usage.ts";

/** Hono's typing for this worker: its bindings, and what middleware hands to routes. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Keys tried for this request, for the request's log line. */
    attempts: Attempt[];
    /** Who sent the request (set by the surface's credential check): the admin or a token. */
    principal?: Principal;
    /** What the request cost (models, tokens), for its usage data point. */
    usage: RequestUsage;
    /**
     * Settings the gateway changed for the model (`thinkingLevel=MINIMAL->LOW`, …): sent back in
     * `x-router-adjusted` and written to the request's log line.
     */
    adjustments: string[];
    /**
     * How this request's errors are rendered: a surface whose clients expect another shape than
     * OpenAI's (Anthropic, native Gemini) sets it in its first middleware. Unset → OpenAI's shape.
     */
    renderError?: (error: ApiError, headers: Record<string, string>) => Response;
    /** The answering model differs from the one asked for, or is deprecated (see noteModel). */
    modelNotice?: ModelNotice;
  };
}
