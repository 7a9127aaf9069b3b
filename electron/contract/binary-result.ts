import type { StudioResult } from './types';

/**
 * A result whose value holds bytes (a preview frame's picture) crosses the browser bridge as one binary body rather
 * than base64 inside JSON: a third larger, and the page had to turn the text back into bytes on its main thread.
 * The body is a 4-byte big-endian length, that many bytes of JSON (the result, with each byte field left out and
 * named in `parts` with its length), then the fields' bytes one after another. The app's IPC carries `Uint8Array`
 * as it is and needs none of this.
 */
export const BINARY_RESULT_TYPE = 'application/x-mouthpiece-result';

const HEAD_LENGTH_BYTES = 4;

interface Head {
  result: StudioResult<unknown>;
  /** The value's byte fields, in the order their bytes follow the JSON: [name, length]. */
  parts: [string, number][];
}

/** The value's top-level `Uint8Array` fields (Node's `Buffer` included); empty for a result without bytes. */
function byteFieldsOf(result: StudioResult<unknown>): [string, Uint8Array][] {
  if (!result.ok || typeof result.value !== 'object' || result.value === null) return [];
  return Object.entries(result.value).filter((entry): entry is [string, Uint8Array] => entry[1] instanceof Uint8Array);
}

/** The result as a binary body, or null when its value holds no bytes (then it goes as plain JSON). */
export function encodeBinaryResult(result: StudioResult<unknown>): Uint8Array[] | null {
  const fields = byteFieldsOf(result);
  if (fields.length === 0 || !result.ok) return null;
  const rest = Object.fromEntries(Object.entries(result.value as object).filter(([, value]) => !(value instanceof Uint8Array)));
  const head: Head = { result: { ok: true, value: rest }, parts: fields.map(([name, bytes]) => [name, bytes.byteLength]) };
  const json = new TextEncoder().encode(JSON.stringify(head));
  const length = new Uint8Array(HEAD_LENGTH_BYTES);
  new DataView(length.buffer).setUint32(0, json.byteLength);
  return [length, json, ...fields.map(([, bytes]) => bytes)];
}

/** The result `encodeBinaryResult` sent; its byte fields are views into `body` (nothing is copied). */
export function decodeBinaryResult(body: ArrayBuffer): StudioResult<unknown> {
  if (body.byteLength < HEAD_LENGTH_BYTES) throw new Error('The binary result is cut short.');
  const jsonLength = new DataView(body).getUint32(0);
  let offset = HEAD_LENGTH_BYTES + jsonLength;
  if (offset > body.byteLength) throw new Error('The binary result is cut short.');
  const head = JSON.parse(new TextDecoder().decode(new Uint8Array(body, HEAD_LENGTH_BYTES, jsonLength))) as Head;
  if (!head.result?.ok || !Array.isArray(head.parts)) throw new Error('The binary result has no value.');
  const value = head.result.value as Record<string, unknown>;
  for (const [name, length] of head.parts) {
    if (offset + length > body.byteLength) throw new Error('The binary result is cut short.');
    value[name] = new Uint8Array(body, offset, length);
    offset += length;
  }
  if (offset !== body.byteLength) throw new Error('The binary result has bytes left over.');
  return head.result;
}
