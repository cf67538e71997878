/**
 * OpenAI's `custom` tools (chat and Responses) take one free-form string, not JSON arguments.
 * Gemini has only function declarations, so a custom tool is declared as a function with one
 * string argument `input`; its calls come back as the client's custom tool calls, `input` unwrapped.
 */
export const CUSTOM_TOOL_PARAMETERS = {
  type: "object",
  properties: {
    input: { type: "string", description: "The tool's whole input, as free-form text." },
  },
  required: ["input"],
};

/** A custom tool's format (`text`, or a `grammar` with its syntax and definition). */
export interface CustomToolFormat {
  type?: string;
  syntax?: string;
  definition?: string;
  grammar?: { syntax?: string; definition?: string };
}

/**
 * The declaration's description: the tool's own, plus the grammar its input must follow (Gemini
 * cannot constrain a string by a grammar, so the model is told). Chat nests the grammar under
 * `format.grammar`; Responses puts `syntax` and `definition` on the format itself.
 */
export function describeCustomTool(
  description: unknown,
  format: CustomToolFormat | undefined,
): string | undefined {
  const parts: string[] = [];
  if (typeof description === "string" && description !== "") parts.push(description);
  const grammar = format?.grammar ?? format;
  if (format?.type === "grammar" && typeof grammar?.definition === "string") {
    parts.push(
      `The input must follow this ${grammar.syntax ?? ""} grammar:\n${grammar.definition}`,
    );
  }
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/** A call of a custom tool: Gemini's `args.input`, or the whole arguments when the model strayed. */
export const customToolInput = (args: Record<string, unknown> | undefined): string =>
  typeof args?.input === "string" ? args.input : JSON.stringify(args ?? {});
