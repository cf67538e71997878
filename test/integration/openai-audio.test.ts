import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createOpenAI } from "@ai-sdk/openai";
import {
  experimental_generateSpeech as generateSpeech,
  experimental_transcribe as transcribe,
} from "ai";
import OpenAI, { toFile } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postOversized } from "../support/oversized-post.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

interface SentRequest {
  contents: { parts: Record<string, unknown>[] }[];
  generationConfig: Record<string, unknown>;
}

const sentBodies = () =>
  topology.emulator
    .requests()
    .filter((request) => request.path.includes("Content"))
    .map((request) => request.body as SentRequest);

/** A WAV file's format and samples, checked field by field. */
function readWavFile(bytes: Buffer) {
  expect(bytes.toString("ascii", 0, 4)).toBe("RIFF");
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
  expect(bytes.toString("ascii", 8, 16)).toBe("WAVEfmt ");
  expect(bytes.readUInt16LE(20)).toBe(1); // PCM
  expect(bytes.toString("ascii", 36, 40)).toBe("data");
  expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
  return {
    channels: bytes.readUInt16LE(22),
    sampleRate: bytes.readUInt32LE(24),
    bits: bytes.readUInt16LE(34),
    seconds: (bytes.length - 44) / bytes.readUInt32LE(28),
  };
}

describe("POST /v1/audio/speech through the topology (openai SDK)", () => {
  it("streams a valid 24 kHz mono 16-bit WAV to a file", async () => {
    const directory = await mkdtemp(join(tmpdir(), "speech-"));
    try {
      const response = await topology.client.audio.speech.create({
        model: "gpt-4o-mini-tts",
        voice: "alloy",
        input: "one two three four five",
        response_format: "wav",
      });
      expect(response.headers.get("content-type")).toBe("audio/wav");
      const file = join(directory, "speech.wav");
      await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
      const wav = readWavFile(await readFile(file));
      expect(wav).toEqual({ channels: 1, sampleRate: 24000, bits: 16, seconds: 2 });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const [body] = sentBodies();
    expect(topology.emulator.requests()[0]?.path).toContain("gemini-3.8-flash-tts:generateContent");
    expect(body?.generationConfig).toEqual({
      responseModalities: ["AUDIO"],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: "Zephyr" } } },
    });
  });

  it("puts instructions in speechMetadata.style on 3.8 TTS, before the words on earlier models", async () => {
    await topology.client.audio.speech.create({
      model: "tts-1",
      voice: "Puck",
      input: "Hello there",
      instructions: "cheerful, quick",
      response_format: "pcm",
    });
    await topology.client.audio.speech.create({
      model: "gemini-2.5-flash-preview-tts",
      voice: "kore",
      input: "Hello there",
      instructions: "Say warmly",
      response_format: "pcm",
    });
    const [first, second] = sentBodies();
    expect(first?.contents[0]?.parts).toEqual([
      { text: "Hello there", speechMetadata: { style: "cheerful, quick" } },
    ]);
    expect(second?.contents[0]?.parts).toEqual([{ text: "Say warmly: Hello there" }]);
    expect(second?.generationConfig.speechConfig).toEqual({
      voiceConfig: { prebuiltVoiceConfig: { voiceName: "Kore" } },
    });
  });

  it("answers raw PCM for response_format pcm", async () => {
    const response = await topology.client.audio.speech.create({
      model: "tts-1",
      voice: "nova",
      input: "a b",
      response_format: "pcm",
    });
    expect(response.headers.get("content-type")).toBe("audio/pcm");
    expect((await response.arrayBuffer()).byteLength).toBe(2 * 9600 * 2);
  });

  it("answers 400 naming the formats served for mp3, and for speed", async () => {
    const mp3 = await topology.client.audio.speech
      .create({ model: "tts-1", voice: "alloy", input: "x", response_format: "mp3" })
      .catch((caught) => caught);
    expect(mp3).toBeInstanceOf(OpenAI.BadRequestError);
    expect(mp3.param).toBe("response_format");
    expect(mp3.message).toContain("'wav' or 'pcm'");
    const fast = await topology.client.audio.speech
      .create({ model: "tts-1", voice: "alloy", input: "x", speed: 1.5 })
      .catch((caught) => caught);
    expect(fast.param).toBe("speed");
    expect(topology.emulator.counts()).toEqual({});
  });

  it("passes Gemini's refusal of an unknown voice as a 400", async () => {
    const error = await topology.client.audio.speech
      .create({ model: "tts-1", voice: "Bogus", input: "x", response_format: "wav" })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain("Bogus");
  });

  it("streams OpenAI's SSE audio events with stream_format sse", async () => {
    const response = await fetch(`${topology.url}/v1/audio/speech`, {
      method: "POST",
      headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "gemini-3.8-flash-lite-tts",
        voice: "echo",
        input: "one two three",
        response_format: "pcm",
        stream_format: "sse",
      }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = (await response.text())
      .split("\n\n")
      .filter(Boolean)
      .map((frame) => JSON.parse(frame.replace(/^data: /, "")));
    const deltas = events.filter((event) => event.type === "speech.audio.delta");
    expect(deltas.length).toBeGreaterThan(1);
    const audio = Buffer.concat(deltas.map((event) => Buffer.from(event.audio, "base64")));
    expect(audio.length).toBe(3 * 9600 * 2);
    expect(events.at(-1)).toEqual({
      type: "speech.audio.done",
      usage: { input_tokens: 3, output_tokens: 30, total_tokens: 33 },
    });
  });
});

describe("the AI SDK's generateSpeech (@ai-sdk/openai) through the topology", () => {
  it("makes WAV audio with a Gemini voice", async () => {
    const provider = createOpenAI({ baseURL: `${topology.url}/v1`, apiKey: PASS });
    const { audio } = await generateSpeech({
      model: provider.speech("gemini-3.8-flash-tts"),
      text: "hello from the gateway",
      voice: "Charon",
      outputFormat: "wav",
    });
    const wav = readWavFile(Buffer.from(audio.uint8Array));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.seconds).toBeCloseTo(1.6);
  });
});

/**
 * "Hello from the gateway.", spoken by espeak-ng and resampled by sox:
 * `espeak-ng -v en -s 160 -w raw.wav "Hello from the gateway." && sox raw.wav -r 16000 -c 1 -b 16 hello-gateway.wav`
 * (16 kHz mono 16-bit, 1.61 s).
 */
const helloWav = () => readFile(new URL("../fixtures/audio/hello-gateway.wav", import.meta.url));

describe("POST /v1/audio/transcriptions and /translations through the topology (openai SDK)", () => {
  it("transcribes a WAV made with espeak-ng with gemini-3.5-transcribe", async () => {
    const wav = await helloWav();
    const result = await topology.client.audio.transcriptions.create({
      model: "whisper-1",
      file: await toFile(wav, "hello.wav"),
      language: "en",
    });
    expect(result.text).toBe("Transcript of audio/wav audio, 1.61 seconds.");
    expect(result.usage).toMatchObject({
      type: "tokens",
      input_token_details: { audio_tokens: 52 },
    });
    const [request] = topology.emulator.requests();
    expect(request?.path).toContain("gemini-3.5-transcribe:generateContent");
    const body = request?.body as SentRequest;
    expect(body.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: "audio/wav", data: wav.toString("base64") } },
    ]);
    expect(body.generationConfig).toEqual({ audioTranscriptionConfig: { languageCodes: ["en"] } });
  });

  it("answers verbose_json with word times and segments, and srt / vtt / text", async () => {
    const file = await toFile(await helloWav(), "hello.wav");
    const verbose = await topology.client.audio.transcriptions.create({
      model: "gpt-4o-transcribe",
      file,
      response_format: "verbose_json",
      timestamp_granularities: ["word", "segment"],
    });
    expect(verbose.duration).toBeCloseTo(1.606, 2);
    expect(verbose.language).toBe("english");
    expect(verbose.words?.[0]).toMatchObject({ word: "Transcript", start: 0 });
    expect(verbose.segments).toHaveLength(1);
    expect(verbose.segments?.[0]?.end).toBeCloseTo(1.606, 2);
    const srt = await topology.client.audio.transcriptions.create({
      model: "whisper-1",
      file: await toFile(await helloWav(), "hello.wav"),
      response_format: "srt",
    });
    expect(srt).toMatch(
      /^1\n00:00:00,000 --> 00:00:01,60\d\nTranscript of audio\/wav audio, 1\.61 seconds\.\n$/,
    );
    const vtt = await topology.client.audio.transcriptions.create({
      model: "whisper-1",
      file: await toFile(await helloWav(), "hello.wav"),
      response_format: "vtt",
    });
    expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.60\d\n/);
    const text = await topology.client.audio.transcriptions.create({
      model: "whisper-1",
      file: await toFile(await helloWav(), "hello.wav"),
      response_format: "text",
    });
    expect(text).toBe("Transcript of audio/wav audio, 1.61 seconds.\n");
  });

  it("asks a general Gemini model in words, and translates with DEFAULT_MODEL", async () => {
    const transcript = await topology.client.audio.transcriptions.create({
      model: "gemini-3-flash-preview",
      file: await toFile(await helloWav(), "hello.wav"),
      prompt: "gateway",
    });
    expect(transcript.text).toMatch(/^Echo: Transcribe the speech in this audio verbatim\./);
    const translation = await topology.client.audio.translations.create({
      model: "whisper-1",
      file: await toFile(await helloWav(), "hello.wav"),
    });
    expect(translation.text).toMatch(/^Echo: Translate the speech in this audio into English\./);
    expect(translation.text).toContain("[audio/wav 51442 bytes]");
  });

  it("answers 400 for a format Gemini does not take, 413 for a file over the limit", async () => {
    const webm = await topology.client.audio.transcriptions
      .create({ model: "whisper-1", file: await toFile(Buffer.from("not audio"), "a.webm") })
      .catch((caught) => caught);
    expect(webm).toBeInstanceOf(OpenAI.BadRequestError);
    expect(webm.param).toBe("file");
    expect(webm.message).toContain("WAV, MP3, AIFF, AAC, OGG and FLAC");
    // A body over 25 MiB is refused on its declared length, before it is uploaded.
    const big = await postOversized(
      `${topology.url}/v1/audio/transcriptions`,
      {
        authorization: `Bearer ${PASS}`,
        "content-type": "multipart/form-data; boundary=x",
      },
      26 * 1024 * 1024,
    );
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe("payload_too_large");
    expect(topology.emulator.counts()).toEqual({});
  });
});

describe("the AI SDK's transcribe (@ai-sdk/openai) through the topology", () => {
  it("transcribes the espeak-ng WAV with segments and duration", async () => {
    const provider = createOpenAI({ baseURL: `${topology.url}/v1`, apiKey: PASS });
    const result = await transcribe({
      model: provider.transcription("whisper-1"),
      audio: await helloWav(),
      providerOptions: { openai: { timestampGranularities: ["segment"] } },
    });
    expect(result.text).toBe("Transcript of audio/wav audio, 1.61 seconds.");
    expect(result.durationInSeconds).toBeCloseTo(1.606, 2);
    expect(result.segments.length).toBeGreaterThan(0);
    expect(result.language).toBe("en");
  });
});
