import { badRequest } from "../../../../common/api-error.ts";

/** An images request after its checks: what the gateway acts on. */
export interface ImageRequest {
  prompt: string;
  model?: string;
  n: number;
  size?: string;
  quality?: string;
  /** What the client asked for; Gemini chooses PNG or JPEG itself (see fromGeminiImages). */
  outputFormat?: string;
}

/** A form's or a JSON body's fields; form values are strings and are read as such. */
export type Fields = Record<string, unknown>;

/** OpenAI's own limit for the GPT image models' prompts (images API reference). */
const MAX_PROMPT = 32000;

const QUALITIES = ["auto", "standard", "hd", "low", "medium", "high"];
const FORMATS = ["png", "jpeg", "webp"];

/**
 * The options of OpenAI's images API the gateway takes and what it does with them. Options with
 * no Gemini equivalent that change nothing a client relies on are documented no-ops (README);
 * those that would change the answer (a URL, a transparent background, a mask, streaming) are a
 * 400 saying why. Anything else is refused as OpenAI refuses it: "Unrecognized request argument".
 */
const NO_OPS = ["user", "moderation", "style", "output_compression", "input_fidelity"];

/** Checks the fields both image endpoints share; `endpoint` adds its own known fields. */
export function parseImageRequest(
  fields: Fields,
  endpoint: { form: boolean; extra: readonly string[] },
): ImageRequest {
  const known = new Set([
    "prompt",
    "model",
    "n",
    "size",
    "quality",
    "output_format",
    "response_format",
    "background",
    "stream",
    "partial_images",
    ...NO_OPS,
    ...endpoint.extra,
  ]);
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) {
      throw badRequest(name, `Unrecognized request argument supplied: ${name}`);
    }
  }
  const prompt = fields.prompt;
  if (prompt === undefined || prompt === null) {
    throw badRequest("prompt", "Missing required parameter: 'prompt'.");
  }
  if (typeof prompt !== "string" || prompt.trim() === "") {
    throw badRequest("prompt", "Invalid value for 'prompt': expected a non-empty string.");
  }
  if (prompt.length > MAX_PROMPT) {
    throw badRequest("prompt", `Invalid value for 'prompt': at most ${MAX_PROMPT} characters.`);
  }
  const request: ImageRequest = { prompt, n: readCount(fields.n, endpoint.form) };
  const model = optionalString(fields, "model");
  if (model !== undefined) request.model = model;
  const size = optionalString(fields, "size");
  if (size !== undefined) request.size = size;
  const quality = oneOf(fields, "quality", QUALITIES);
  if (quality !== undefined) request.quality = quality;
  const outputFormat = oneOf(fields, "output_format", FORMATS);
  if (outputFormat !== undefined) request.outputFormat = outputFormat;
  checkUnsupported(fields, endpoint.form);
  return request;
}

function checkUnsupported(fields: Fields, form: boolean) {
  const responseFormat = oneOf(fields, "response_format", ["url", "b64_json"]);
  if (responseFormat === "url") {
    throw badRequest(
      "response_format",
      "response_format 'url' is not served: this gateway stores nothing, so it has no URL to give. Use response_format 'b64_json' (the image comes inline).",
      "unsupported_value",
    );
  }
  if (oneOf(fields, "background", ["transparent", "opaque", "auto"]) === "transparent") {
    throw badRequest(
      "background",
      "background 'transparent' is not served: Gemini's image models make opaque images only. Use 'opaque' or 'auto'.",
      "unsupported_value",
    );
  }
  if (readBoolean(fields, "stream", form)) {
    throw badRequest(
      "stream",
      "stream is not served: Gemini's image models answer with whole images only. Send stream false or leave it out.",
      "unsupported_value",
    );
  }
  const partial = fields.partial_images;
  if (partial !== undefined && partial !== null && Number(partial) !== 0) {
    throw badRequest(
      "partial_images",
      "partial_images is not served: Gemini's image models answer with whole images only.",
      "unsupported_value",
    );
  }
}

/** n: 1–10 images (OpenAI's range); each is its own Gemini call. */
function readCount(value: unknown, form: boolean): number {
  if (value === undefined || value === null) return 1;
  const n = form && typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 10) {
    throw badRequest("n", "Invalid value for 'n': expected an integer from 1 to 10.");
  }
  return n;
}

function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw badRequest(name, `Invalid value for '${name}': expected a string.`);
  }
  return value;
}

function oneOf(fields: Fields, name: string, values: readonly string[]): string | undefined {
  const value = optionalString(fields, name);
  if (value !== undefined && !values.includes(value)) {
    throw badRequest(
      name,
      `Invalid value for '${name}': '${value.slice(0, 40)}'. Supported values are: ${values.map((item) => `'${item}'`).join(", ")}.`,
    );
  }
  return value;
}

function readBoolean(fields: Fields, name: string, form: boolean): boolean {
  const value = fields[name];
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (form && (value === "true" || value === "false")) return value === "true";
  throw badRequest(name, `Invalid value for '${name}': expected a boolean.`);
}
