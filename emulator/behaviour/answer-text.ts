import type { Content, GenerateContentRequest } from "../validate/request-shapes.ts";
import { schemaInstance } from "./schema-instance.ts";

/** The last content that a user wrote (not a tool result), or undefined. */
export function lastUserContent(contents: readonly Content[]): Content | undefined {
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index];
    if (content && content.role !== "model" && !isToolResult(content)) return content;
  }
  return undefined;
}

export const isToolResult = (content: Content | undefined) =>
  (content?.parts ?? []).some((part) => part.functionResponse !== undefined);

/** Text parts joined by spaces, then one `[mime N bytes]` / `[mime uri]` mention per media part. */
export function describeContent(content: Content | undefined): string {
  const words: string[] = [];
  const media: string[] = [];
  for (const part of content?.parts ?? []) {
    if (part.thought) continue;
    if (part.text !== undefined) words.push(part.text);
    if (part.inlineData) {
      const size = Buffer.from(part.inlineData.data ?? "", "base64").length;
      media.push(`[${part.inlineData.mimeType ?? "application/octet-stream"} ${size} bytes]`);
    }
    if (part.fileData)
      media.push(`[${part.fileData.mimeType ?? "file"} ${part.fileData.fileUri ?? ""}]`);
  }
  return [...words, ...media].join(" ");
}

/** `Tool said: {...}` for every function response of the last content. */
export function toolResultText(content: Content): string {
  return (content.parts ?? [])
    .filter((part) => part.functionResponse)
    .map((part) => `Tool said: ${JSON.stringify(part.functionResponse?.response ?? {})}`)
    .join(" ");
}

/** The answer's text: an echo, a tool result, or JSON that follows the requested schema. */
export function answerText(request: GenerateContentRequest, prompt: string): string {
  const contents = request.contents ?? [];
  const last = contents.at(-1);
  const config = request.generationConfig ?? {};
  if (config.responseMimeType === "application/json") {
    const schema = config.responseSchema ?? config.responseJsonSchema;
    return JSON.stringify(schema === undefined ? { echo: prompt } : schemaInstance(schema));
  }
  if (config.responseMimeType === "text/x.enum") {
    return String(schemaInstance(config.responseSchema) ?? "echo");
  }
  if (last && isToolResult(last)) return toolResultText(last);
  return `Echo: ${prompt}`;
}
