/** A word and its times, in seconds. */
export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

export interface Transcript {
  text: string;
  language: string;
  /** Seconds of audio. */
  duration: number;
  words: TimedWord[];
  temperature: number;
}

export interface Segment {
  id: number;
  seek: number;
  start: number;
  end: number;
  text: string;
  tokens: number[];
  temperature: number;
  avg_logprob: number;
  compression_ratio: number;
  no_speech_prob: number;
}

/** The longest pause inside one segment, and the most words in one. */
const SEGMENT_GAP_S = 1;
const SEGMENT_WORDS = 30;

/**
 * Segments for subtitles and verbose_json: the timed words grouped at sentence ends, pauses over
 * a second, or every 30 words; without word times, one segment over the whole audio. Whisper's
 * decoding statistics (logprob, compression ratio, no-speech probability, tokens) have no Gemini
 * counterpart and are 0 / empty.
 */
export function toSegments(transcript: Transcript): Segment[] {
  const groups: TimedWord[][] = [];
  let current: TimedWord[] = [];
  for (const word of transcript.words) {
    const previous = current.at(-1);
    if (
      previous &&
      (word.start - previous.end > SEGMENT_GAP_S || current.length >= SEGMENT_WORDS)
    ) {
      groups.push(current);
      current = [];
    }
    current.push(word);
    if (/[.!?。！？]$/.test(word.word)) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  const spans =
    groups.length > 0
      ? groups.map((group) => ({
          start: group[0]?.start ?? 0,
          end: group.at(-1)?.end ?? 0,
          text: group.map((word) => word.word).join(" "),
        }))
      : transcript.text === ""
        ? []
        : [{ start: 0, end: transcript.duration, text: transcript.text }];
  return spans.map((span, id) => ({
    id,
    seek: 0,
    start: span.start,
    end: span.end,
    text: span.text,
    tokens: [],
    temperature: transcript.temperature,
    avg_logprob: 0,
    compression_ratio: 0,
    no_speech_prob: 0,
  }));
}

function clock(seconds: number, separator: "," | "."): string {
  const milliseconds = Math.max(0, Math.round(seconds * 1000));
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor(milliseconds / 60_000) % 60;
  const secs = Math.floor(milliseconds / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(milliseconds % 1000, 3)}`;
}

/** SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`. */
export function toSrt(segments: readonly Segment[]): string {
  return segments
    .map(
      (segment, index) =>
        `${index + 1}\n${clock(segment.start, ",")} --> ${clock(segment.end, ",")}\n${segment.text}\n`,
    )
    .join("\n");
}

/** WebVTT: the header, then `HH:MM:SS.mmm --> HH:MM:SS.mmm` cues. */
export function toVtt(segments: readonly Segment[]): string {
  const cues = segments.map(
    (segment) => `${clock(segment.start, ".")} --> ${clock(segment.end, ".")}\n${segment.text}\n`,
  );
  return `WEBVTT\n\n${cues.join("\n")}`;
}
