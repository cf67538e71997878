import type { Topology } from "./topology.ts";

/** The parts of a recorded generateContent body that the client tests look at. */
export interface RecordedGenerateBody {
  systemInstruction?: { parts?: { text?: string }[] };
  contents?: {
    role?: string;
    parts?: {
      text?: string;
      thought?: boolean;
      thoughtSignature?: string;
      functionCall?: { name?: string; args?: Record<string, unknown> };
      functionResponse?: { name?: string; response?: Record<string, unknown> };
    }[];
  }[];
  tools?: {
    functionDeclarations?: {
      name?: string;
      parameters?: unknown;
      parametersJsonSchema?: unknown;
    }[];
  }[];
  toolConfig?: { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } };
  generationConfig?: {
    responseMimeType?: string;
    responseSchema?: unknown;
    responseJsonSchema?: unknown;
    temperature?: number;
    maxOutputTokens?: number;
    thinkingConfig?: Record<string, unknown>;
  };
}

/** `METHOD path` of every request that reached the emulator, in order. */
export const upstreamCalls = (topology: Topology) =>
  topology.emulator.requests().map((request) => `${request.method} ${request.path}`);

/** The bodies of the generateContent / streamGenerateContent requests the emulator received. */
export const generateBodies = (topology: Topology) =>
  topology.emulator
    .requests()
    .filter((request) => /:(stream)?generateContent/i.test(request.path))
    .map((request) => request.body as RecordedGenerateBody);
