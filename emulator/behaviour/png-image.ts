import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";

/**
 * A deterministic PNG of the given size: a colour gradient seeded by `seed` (the same prompt
 * gives the same image). `noisy` fills it with pseudo-random pixels instead, which do not
 * compress, so the PNG is as heavy as a real photo-like answer (for CPU benchmarks).
 */
export function makePng(width: number, height: number, seed: string, noisy = false): Buffer {
  const digest = createHash("sha256").update(seed).digest();
  const rowLength = width * 3 + 1;
  const raw = Buffer.alloc(rowLength * height);
  let state = digest.readUInt32LE(0) || 1;
  for (let y = 0; y < height; y++) {
    const row = y * rowLength;
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const at = row + 1 + x * 3;
      if (noisy) {
        // xorshift32: fast, deterministic, incompressible enough.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        raw[at] = state & 0xff;
        raw[at + 1] = (state >>> 8) & 0xff;
        raw[at + 2] = (state >>> 16) & 0xff;
      } else {
        raw[at] = ((digest[0] as number) + (x * 255) / width) & 0xff;
        raw[at + 1] = ((digest[1] as number) + (y * 255) / height) & 0xff;
        raw[at + 2] = digest[2] as number;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: noisy ? 0 : 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * Pixels per aspect ratio at 1K (https://ai.google.dev/gemini-api/docs/image-generation, Gemini 3
 * image models; 2.5 Flash Image has its own 1K table). 2K and 4K double and quadruple, 512
 * halves. The extreme ratios are the emulator's choice (about a megapixel).
 */
const GEMINI_3_PIXELS: Record<string, [number, number]> = {
  "1:1": [1024, 1024],
  "2:3": [848, 1264],
  "3:2": [1264, 848],
  "3:4": [896, 1200],
  "4:3": [1200, 896],
  "4:5": [928, 1152],
  "5:4": [1152, 928],
  "9:16": [768, 1376],
  "16:9": [1376, 768],
  "21:9": [1584, 672],
  "1:4": [512, 2048],
  "4:1": [2048, 512],
  "1:8": [352, 2816],
  "8:1": [2816, 352],
};
const GEMINI_2_5_PIXELS: Record<string, [number, number]> = {
  "1:1": [1024, 1024],
  "2:3": [832, 1248],
  "3:2": [1248, 832],
  "3:4": [864, 1184],
  "4:3": [1184, 864],
  "4:5": [896, 1152],
  "5:4": [1152, 896],
  "9:16": [768, 1344],
  "16:9": [1344, 768],
  "21:9": [1536, 672],
};

export function imagePixels(model: string, ratio: string, size: string): [number, number] {
  const table = model === "gemini-2.5-flash-image" ? GEMINI_2_5_PIXELS : GEMINI_3_PIXELS;
  const [width, height] = table[ratio] ?? [1024, 1024];
  const scale = size === "512" ? 0.5 : size === "2K" ? 2 : size === "4K" ? 4 : 1;
  return [Math.round(width * scale), Math.round(height * scale)];
}
