import type { IncomingMessage, ServerResponse } from "node:http";
import { malformedJson } from "../errors.ts";
import type { KeyBehavior } from "../options.ts";
import type { EmulatorState } from "../state.ts";

/** What a route handler gets: the exchange, the authenticated key and its fault behaviour. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  bodyText: string;
  /** The body's bytes (uploads carry binary data). */
  bodyBytes: Buffer;
  key: string;
  /** The key's Google Cloud project: what it may see of files and caches. */
  project: string;
  behavior: KeyBehavior | undefined;
  state: EmulatorState;
}

/** The request body as JSON; an empty body is an empty message, as for ESF. */
export function jsonBody(context: RouteContext): unknown {
  if (context.bodyText.trim() === "") return {};
  try {
    return JSON.parse(context.bodyText);
  } catch {
    const snippet = context.bodyText.slice(0, 40);
    throw malformedJson(`Unexpected token.\n${snippet}\n^`);
  }
}
