import { GeminiError } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import type { EmulatorOptions, KeyBehavior } from "../options.ts";
import type { EmulatorState } from "../state.ts";

const KINDS = [
  "rate-limit",
  "unavailable",
  "internal",
  "suspended",
  "cut-stream",
  "end-stream",
  "error-in-stream",
];
const OPTION_NAMES = ["keys", "modelsPageSize", "latencyMs", "streamChunks", "streamIntervalMs"];

/**
 * `/_emulator/*`: drive a separately started emulator over HTTP. `POST behavior {key, behavior}`,
 * `POST options {...}`, `POST reset`, `GET counts`, `GET requests`, `GET options`.
 */
export function handleControl(
  state: EmulatorState,
  method: string,
  name: string,
  body: unknown,
): { status: number; body: unknown } {
  const route = `${method} ${name}`;
  const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  switch (route) {
    case "GET counts":
      return { status: 200, body: state.counts() };
    case "GET requests":
      return { status: 200, body: state.requests() };
    case "GET options":
      return { status: 200, body: state.options };
    case "POST reset":
      state.reset();
      return { status: 200, body: { ok: true } };
    case "POST behavior": {
      const behavior = (input.behavior ?? null) as KeyBehavior | null;
      if (typeof input.key !== "string" || (behavior !== null && !KINDS.includes(behavior.kind))) {
        return badRequest(`expected {key, behavior} with behavior.kind one of ${KINDS.join(", ")}`);
      }
      state.setKeyBehavior(input.key, behavior);
      return { status: 200, body: { ok: true } };
    }
    case "POST options": {
      const unknown = Object.keys(input).filter((option) => !OPTION_NAMES.includes(option));
      if (unknown.length > 0) return badRequest(`unknown options: ${unknown.join(", ")}`);
      state.setOptions(input as Partial<EmulatorOptions>);
      return { status: 200, body: state.options };
    }
    default:
      return {
        status: 404,
        body: new GeminiError(404, "NOT_FOUND", `no control route ${route}`).toJSON(),
      };
  }
}

const badRequest = (message: string) => ({
  status: 400,
  body: new GeminiError(400, "INVALID_ARGUMENT", message).toJSON(),
});

export function sendControl(
  response: Parameters<typeof sendJson>[0],
  result: { status: number; body: unknown },
) {
  sendJson(response, result.status, result.body);
}
