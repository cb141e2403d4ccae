import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/** Decodes the PNGs electron-builder takes the app icons from, checking every chunk's CRC on the way. */
const resources = path.resolve(__dirname, '..', '..', '..', 'resources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Decoded {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number, number];
}

function decodePng(file: string): Decoded {
  const data = readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    expect(data.readUInt32BE(offset + 8 + length)).toBe(crc32(data.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  if (header === null) throw new Error(`${file} has no IHDR`);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9], header[12]]).toEqual([8, 6, 0]); // 8-bit RGBA, not interlaced
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  expect(raw.length).toBe(stride * height);
  for (let y = 0; y < height; y += 1) expect(raw[y * stride]).toBe(0); // the generator writes filter 0 only
  return {
    width,
    height,
    pixel: (x, y) => {
      const at = y * stride + 1 + x * 4;
      return [raw[at] ?? 0, raw[at + 1] ?? 0, raw[at + 2] ?? 0, raw[at + 3] ?? 0];
    },
  };
}

describe('app icons', () => {
  it('has a 512 px icon.png for macOS and Windows', () => {
    const icon = decodePng(path.join(resources, 'icon.png'));
    expect([icon.width, icon.height]).toEqual([512, 512]);
    expect(icon.pixel(0, 0)[3]).toBe(0); // rounded corner: transparent
    expect(icon.pixel(256, 330)).toEqual([255, 255, 255, 255]); // the envelope
  });

  it('has a Linux icon set whose file names state their sizes', () => {
    const names = readdirSync(path.join(resources, 'icons')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    expect(names).toEqual([
      '16x16.png',
      '24x24.png',
      '32x32.png',
      '48x48.png',
      '64x64.png',
      '128x128.png',
      '256x256.png',
      '512x512.png',
    ]);
    for (const name of names) {
      const size = parseInt(name, 10);
      const icon = decodePng(path.join(resources, 'icons', name));
      expect([icon.width, icon.height]).toEqual([size, size]);
    }
  });
});
