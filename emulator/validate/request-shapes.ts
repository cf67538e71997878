/** The normalized (camelCase) shapes the walker produces, for rules and answers to read. */

export interface Part {
  text?: string;
  inlineData?: { mimeType?: string; data?: string };
  fileData?: { mimeType?: string; fileUri?: string };
  functionCall?: { id?: string; name?: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name?: string; response?: Record<string, unknown> };
  executableCode?: { language?: string; code?: string };
  codeExecutionResult?: { outcome?: string; output?: string };
  toolCall?: { id?: string; toolType?: string; args?: Record<string, unknown> };
  toolResponse?: { id?: string; toolType?: string; response?: Record<string, unknown> };
  videoMetadata?: Record<string, unknown>;
  /** Per-part media resolution (Gemini 3 and later). */
  mediaResolution?: { level?: string };
  thought?: boolean;
  thoughtSignature?: string;
}

export interface Content {
  role?: string;
  parts?: Part[];
}

export interface Schema {
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  minItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
}

export interface FunctionDeclaration {
  name?: string;
  description?: string;
  parameters?: Schema;
  parametersJsonSchema?: unknown;
  response?: Schema;
  responseJsonSchema?: unknown;
}

export interface Tool {
  functionDeclarations?: FunctionDeclaration[];
  googleSearch?: object;
  googleSearchRetrieval?: object;
  codeExecution?: object;
  urlContext?: object;
  googleMaps?: object;
  fileSearch?: object;
}

export interface ThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: string;
}

export interface GenerationConfig {
  candidateCount?: number;
  stopSequences?: string[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: Schema;
  responseJsonSchema?: unknown;
  responseLogprobs?: boolean;
  responseModalities?: string[];
  logprobs?: number;
  thinkingConfig?: ThinkingConfig;
}

export interface GenerateContentRequest {
  model?: string;
  contents?: Content[];
  tools?: Tool[];
  toolConfig?: {
    functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] };
    includeServerSideToolInvocations?: boolean;
  };
  safetySettings?: Array<{ category?: string; threshold?: string }>;
  systemInstruction?: Content;
  generationConfig?: GenerationConfig;
  cachedContent?: string;
  /** ServiceTier (FLEX, STANDARD, PRIORITY; sent in lower case). */
  serviceTier?: string;
  /** Long decode: the token of the previous hop (base64). */
  continuationToken?: string;
}

export interface EmbedContentRequest {
  model?: string;
  content?: Content;
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}
