import { mediaConfigOf } from "../behaviour/media-answer.ts";
import { invalidArgument, invalidRequest } from "../errors.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { mediaFactsOf, PREBUILT_VOICES } from "../models/media-models.ts";
import type { GenerateContentRequest } from "./request-shapes.ts";

const quoted = (values: readonly string[]) =>
  `${values
    .slice(0, -1)
    .map((value) => `'${value}'`)
    .join(", ")}, or '${values.at(-1)}'`;

/**
 * What image, speech and transcription models refuse. Texts: Google's where a report quotes
 * them (sources beside each rule); the others are marked "wording unconfirmed".
 */
export function checkMediaRequest(request: GenerateContentRequest, model: GeminiModel): void {
  const facts = mediaFactsOf(model);
  const config = mediaConfigOf(request);
  const generation = request.generationConfig ?? {};
  // Gemini-Nexus#13 (yeahhe365): imageConfig on a model that makes no images.
  if (config.imageConfig && facts?.kind !== "image") {
    throw invalidArgument("Aspect ratio is not enabled for this model");
  }
  // Wording unconfirmed.
  if (config.audioTranscriptionConfig && facts?.kind !== "transcription") {
    throw invalidArgument("Audio transcription config is not supported for this model.");
  }
  if (!facts) return;
  if (facts.kind === "image") {
    const ratio = config.imageConfig?.aspectRatio;
    const size = config.imageConfig?.imageSize;
    // The refusal quoted in muyouzhi6/astrbot_plugin_gitee_aiimg#37.
    if (ratio !== undefined && !facts.aspectRatios.includes(ratio)) {
      throw invalidRequest("GenerateContentRequest", [
        {
          path: "generation_config.image_config.aspect_ratio",
          message: `aspect_ratio must be one of ${quoted(facts.aspectRatios)}.`,
        },
      ]);
    }
    // Wording by analogy with the aspect ratio refusal (unconfirmed).
    if (size !== undefined && !facts.imageSizes.includes(size)) {
      throw invalidRequest("GenerateContentRequest", [
        {
          path: "generation_config.image_config.image_size",
          message:
            facts.imageSizes.length === 0
              ? "image_size is not supported for this model."
              : `image_size must be one of ${quoted(facts.imageSizes)}.`,
        },
      ]);
    }
    // Gemini's image models make one candidate (issue 23); wording unconfirmed.
    if ((generation.candidateCount ?? 1) > 1) {
      throw invalidArgument(`Multiple candidates is not enabled for ${model.name}`);
    }
    return;
  }
  // TheKentuckian/robot_comic#122: TTS models refuse a system instruction.
  if (request.systemInstruction) {
    throw invalidArgument("Developer instruction is not enabled for this model");
  }
  if (facts.kind === "transcription") {
    const audio = (request.contents ?? []).some((content) =>
      (content.parts ?? []).some((part) => part.inlineData?.mimeType?.startsWith("audio/")),
    );
    if (!audio) throw invalidArgument("Audio input is required for this model."); // unconfirmed
    return;
  }
  const modalities = generation.responseModalities ?? [];
  if (modalities.length !== 1 || modalities[0] !== "AUDIO") {
    const requested = (modalities.length > 0 ? modalities : ["TEXT"])
      .map((modality) => modality.toLowerCase())
      .sort();
    throw invalidArgument(
      `Model does not support the requested response modalities: ${requested.join(",")}`,
    );
  }
  // Google's migration guide to 3.8 TTS: temperature, topP, topK → INVALID_ARGUMENT.
  if (
    facts.refusesSampling &&
    (generation.temperature !== undefined ||
      generation.topP !== undefined ||
      generation.topK !== undefined)
  ) {
    throw invalidArgument(
      "temperature, top_p and top_k are not supported for this model.", // wording unconfirmed
    );
  }
  const voiceConfig = config.speechConfig?.voiceConfig;
  const voice = voiceConfig?.prebuiltVoiceConfig?.voiceName ?? voiceConfig?.voice;
  // genkit-ai/genkit#5489: 3.1 Flash TTS without a voice.
  if (voice === undefined && facts.needsVoice) {
    throw invalidArgument("Request contains an invalid argument.");
  }
  if (voice !== undefined && !PREBUILT_VOICES.includes(voice)) {
    throw invalidArgument(`Voice ${voice} is not supported.`); // wording unconfirmed
  }
  const metadata = (request.contents ?? []).some((content) =>
    (content.parts ?? []).some((part) => (part as { speechMetadata?: unknown }).speechMetadata),
  );
  if (metadata && !facts.styleInMetadata) {
    throw invalidArgument("speech_metadata is not supported for this model."); // unconfirmed
  }
}
