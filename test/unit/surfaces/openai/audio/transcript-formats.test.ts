import { describe, expect, it } from "vitest";
import {
  toSegments,
  toSrt,
  toVtt,
} from "../../../../../src/surfaces/openai/audio/transcript-formats.ts";

const transcript = {
  text: "Hello there. How are you?",
  language: "en",
  duration: 4.2,
  temperature: 0,
  words: [
    { word: "Hello", start: 0, end: 0.4 },
    { word: "there.", start: 0.5, end: 0.9 },
    { word: "How", start: 2.5, end: 2.7 },
    { word: "are", start: 2.7, end: 2.9 },
    { word: "you?", start: 2.9, end: 3.61 },
  ],
};

describe("transcript formats", () => {
  it("groups timed words into segments at sentence ends", () => {
    const segments = toSegments(transcript);
    expect(segments.map(({ start, end, text }) => ({ start, end, text }))).toEqual([
      { start: 0, end: 0.9, text: "Hello there." },
      { start: 2.5, end: 3.61, text: "How are you?" },
    ]);
  });
  it("writes SubRip and WebVTT cues", () => {
    const segments = toSegments(transcript);
    expect(toSrt(segments)).toBe(
      "1\n00:00:00,000 --> 00:00:00,900\nHello there.\n\n2\n00:00:02,500 --> 00:00:03,610\nHow are you?\n",
    );
    expect(toVtt(segments)).toBe(
      "WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nHello there.\n\n00:00:02.500 --> 00:00:03.610\nHow are you?\n",
    );
  });
  it("makes one segment over the whole audio without word times", () => {
    const [segment, ...rest] = toSegments({ ...transcript, words: [] });
    expect(rest).toEqual([]);
    expect(segment).toMatchObject({ start: 0, end: 4.2, text: "Hello there. How are you?" });
  });
});
