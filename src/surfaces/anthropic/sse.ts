import { toAnthropicErrorBody } from "../../../common/anthropic-error.ts";
import type { ApiError } from "../../../common/api-error.ts";
import type { AnthropicStreamEvent } from "./translate/anthropic-types.ts";

/** One Anthropic SSE event: `event: <type>` and its JSON on one `data:` line. */
export const anthropicEvent = (event: { type: string }) =>
  `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export const anthropicEvents = (events: readonly AnthropicStreamEvent[]) =>
  events.map(anthropicEvent).join("");

/** A failure after the stream started: Anthropic's `error` event (its SDKs throw it as an APIError). */
export const anthropicErrorEvent = (error: ApiError) => anthropicEvent(toAnthropicErrorBody(error));
