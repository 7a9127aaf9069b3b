import { describe, expect, it } from 'vitest';
import { decodeBinaryResult, encodeBinaryResult } from './binary-result';

const bodyOf = (parts: Uint8Array[]): ArrayBuffer => {
  const body = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body.buffer;
};

describe('binary results', () => {
  it('carries a value with bytes as JSON followed by the bytes, and gives the same value back', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const parts = encodeBinaryResult({ ok: true, value: { bytes: jpeg, mimeType: 'image/jpeg', patch: { x: 16, y: 32 }, base: null } })!;
    // the bytes themselves are sent, not a copy turned into text
    expect(parts[parts.length - 1]).toBe(jpeg);
    const decoded = decodeBinaryResult(bodyOf(parts));
    expect(decoded).toEqual({ ok: true, value: { bytes: new Uint8Array(jpeg), mimeType: 'image/jpeg', patch: { x: 16, y: 32 }, base: null } });
  });

  it('leaves results without bytes, and failures, to JSON', () => {
    expect(encodeBinaryResult({ ok: true, value: { faces: [] } })).toBeNull();
    expect(encodeBinaryResult({ ok: true, value: null })).toBeNull();
    expect(encodeBinaryResult({ ok: false, error: { code: 'NO_CONSENT', message: 'no' } })).toBeNull();
  });

  it('refuses a body cut short or with bytes left over', () => {
    const body = bodyOf(encodeBinaryResult({ ok: true, value: { bytes: new Uint8Array(10) } })!);
    expect(() => decodeBinaryResult(body.slice(0, body.byteLength - 1))).toThrow(/cut short/);
    expect(() => decodeBinaryResult(body.slice(0, 2))).toThrow(/cut short/);
    expect(() => decodeBinaryResult(bodyOf([new Uint8Array(body), new Uint8Array(1)]))).toThrow(/left over/);
  });
});
