import { describe, expect, it } from 'vitest';
import { createJpegSplitter } from './jpeg-splitter.js';

/** A minimal marker-correct JPEG: SOI, a DQT whose table holds the bytes FF D9, SOS, entropy data, EOI. */
function picture(entropy: number[]): Buffer {
  const table = [0x00, ...Array.from({ length: 62 }, (_, i) => i + 1), 0xff, 0xd9];
  const dqt = [0xff, 0xdb, 0x00, table.length + 2, ...table];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
  return Buffer.from([0xff, 0xd8, ...dqt, ...sos, ...entropy, 0xff, 0xd9]);
}

describe('createJpegSplitter', () => {
  const first = picture([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
  const second = picture([0x9a, 0xbc]);

  it('cuts back-to-back pictures at their end markers, not at FF D9 inside a header or stuffed bytes', () => {
    const found: Buffer[] = [];
    createJpegSplitter((jpeg) => found.push(jpeg)).push(Buffer.concat([first, second]));
    expect(found).toEqual([first, second]);
  });

  it('waits for a picture that arrives in pieces, whatever the cut', () => {
    const stream = Buffer.concat([first, second]);
    for (let cut = 1; cut < stream.length; cut += 1) {
      const found: Buffer[] = [];
      const splitter = createJpegSplitter((jpeg) => found.push(jpeg));
      splitter.push(stream.subarray(0, cut));
      expect(found.length).toBe(cut >= first.length ? 1 : 0);
      splitter.push(stream.subarray(cut));
      expect(found).toEqual([first, second]);
    }
  });

  it('refuses a stream that does not start with a picture', () => {
    expect(() => createJpegSplitter(() => undefined).push(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toThrow(/out of step/);
  });
});
