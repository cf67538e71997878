import { findModel } from "../../emulator/models/catalog.ts";
import {
  checkGenerateRequest,
  parseGenerateRequest,
} from "../../emulator/validate/generate-request.ts";

/**
 * Runs a generateContent body through the emulator's request checks (Google's protos plus the
 * real semantic rules, emulator/README.md) for `model`; returns the error text Gemini would
 * answer, or undefined when the body is accepted.
 */
export function geminiRefusal(body: unknown, model = "gemini-2.5-flash"): string | undefined {
  const found = findModel(model);
  if (!found) throw new Error(`the emulator has no model ${model}`);
  try {
    checkGenerateRequest(parseGenerateRequest(body), found);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
