import type { Env } from "../env.ts";
import type { Attempt } from "../keys/key-failover.ts";

/** Hono's typing for this worker: its bindings, and what middleware hands to routes. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Keys tried for this request, for the request's log line. */
    attempts: Attempt[];
  };
}
