/**
 * WAV (RIFF) for 16-bit mono PCM: the 44-byte header in front of the samples, and the samples of
 * a WAV file. Gemini's TTS answers PCM; OpenAI's `wav` is this.
 */
export function wavHeader(dataBytes: number, sampleRate: number): Uint8Array {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++)
      header[offset + index] = text.charCodeAt(index);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  return header;
}

export interface WavInfo {
  sampleRate: number;
  /** Bytes per second of the samples. */
  byteRate: number;
  /** Where the samples start, and how many bytes they are. */
  dataOffset: number;
  dataBytes: number;
}

/** Reads a WAV file's format and where its samples are; null when it is not one. */
export function readWav(bytes: Uint8Array): WavInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return null;
  let offset = 12;
  let format: { sampleRate: number; byteRate: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === "fmt " && offset + 16 <= bytes.length) {
      format = {
        sampleRate: view.getUint32(offset + 12, true),
        byteRate: view.getUint32(offset + 16, true),
      };
    }
    if (id === "data" && format) {
      const dataBytes = Math.min(size, bytes.length - offset - 8);
      return { ...format, dataOffset: offset + 8, dataBytes };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}
