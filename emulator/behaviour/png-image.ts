import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { type ImageSize, imageModelFacts, pixelsOf } from "../../src/gemini/image-models.ts";

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
 * Width × height of an image the model makes at a ratio and size: the gateway's table of Google's
 * image models (src/gemini/image-models.ts, with its sources) is the one source of these facts.
 */
export function imagePixels(model: string, ratio: string, size: string): readonly [number, number] {
  return pixelsOf(imageModelFacts(model), ratio, size as ImageSize);
}
