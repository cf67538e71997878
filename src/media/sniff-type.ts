/**
 * A file's media type from its first bytes, for uploads whose declared type is missing or
 * generic (`application/octet-stream`). Null when none of these signatures matches.
 */
export function sniffMediaType(head: Uint8Array): string | null {
  const text = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0x89 && text(1, 4) === "PNG") return "image/png";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  if (text(0, 4) === "RIFF" && text(8, 12) === "WEBP") return "image/webp";
  if (text(0, 4) === "RIFF" && text(8, 12) === "WAVE") return "audio/wav";
  if (text(0, 4) === "FORM" && (text(8, 12) === "AIFF" || text(8, 12) === "AIFC"))
    return "audio/aiff";
  if (text(0, 4) === "fLaC") return "audio/flac";
  if (text(0, 4) === "OggS") return "audio/ogg";
  if (text(0, 3) === "ID3") return "audio/mp3";
  // An MPEG audio frame sync: 11 set bits; layer bits 01 = Layer III (MP3), 00 = ADTS AAC.
  if (head[0] === 0xff && ((head[1] as number) & 0xe0) === 0xe0) {
    return ((head[1] as number) & 0x06) === 0 ? "audio/aac" : "audio/mp3";
  }
  return null;
}
