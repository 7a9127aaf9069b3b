/**
 * The top-level boxes of an MP4 (ISO BMFF) file, and the one `uuid` box that carries Mouthpiece's content credentials.
 * The box is appended after the last box, so no offset inside `moov` moves and players skip it as an unknown box.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** Identifies the credentials box (a Mouthpiece UUID, not C2PA's: the payload is not a C2PA JUMBF store). */
export const CREDENTIALS_BOX_UUID = Buffer.from('6d6f7574687069656365637232706131', 'hex');

export interface TopLevelBox {
  type: string;
  start: number;
  size: number;
}

/** The file's top-level boxes; throws when the sizes do not add up to an MP4. */
export async function listTopLevelBoxes(filePath: string): Promise<TopLevelBox[]> {
  const handle = await open(filePath, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const boxes: TopLevelBox[] = [];
    const header = Buffer.alloc(16);
    for (let start = 0; start < fileSize; ) {
      const { bytesRead } = await handle.read(header, 0, 16, start);
      if (bytesRead < 8) throw new Error('a box header is cut off');
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (size === 1) size = Number(header.readBigUInt64BE(8));
      else if (size === 0) size = fileSize - start;
      if (size < 8 || start + size > fileSize) throw new Error(`box "${type}" at byte ${start} runs past the end of the file`);
      boxes.push({ type, start, size });
      start += size;
    }
    if (boxes[0]?.type !== 'ftyp') throw new Error('it does not start with an ftyp box');
    return boxes;
  } finally {
    await handle.close();
  }
}

/** The credentials box's payload and place, or null when the file has none. */
export async function readCredentialsBox(filePath: string): Promise<{ box: TopLevelBox; payload: Buffer } | null> {
  const boxes = await listTopLevelBoxes(filePath);
  const handle = await open(filePath, 'r');
  try {
    for (const box of boxes.filter((b) => b.type === 'uuid' && b.size >= 24)) {
      const head = Buffer.alloc(24);
      await handle.read(head, 0, 24, box.start);
      if (!head.subarray(8, 24).equals(CREDENTIALS_BOX_UUID)) continue;
      const payload = Buffer.alloc(box.size - 24);
      await handle.read(payload, 0, payload.length, box.start + 24);
      return { box, payload };
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** A `uuid` box with the credentials UUID around `payload`. */
export function buildCredentialsBox(payload: Buffer): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32BE(24 + payload.length, 0);
  header.write('uuid', 4, 'latin1');
  CREDENTIALS_BOX_UUID.copy(header, 8);
  return Buffer.concat([header, payload]);
}

/** SHA-256 (hex) of the file's bytes outside [excludeStart, excludeEnd). */
export async function hashFileExcluding(filePath: string, exclude?: { start: number; end: number }): Promise<string> {
  const hash = createHash('sha256');
  const ranges: { start: number; end?: number }[] = exclude ? [{ start: 0, end: exclude.start - 1 }, { start: exclude.end }] : [{ start: 0 }];
  for (const range of ranges) {
    if (range.end !== undefined && range.end < range.start) continue;
    for await (const chunk of createReadStream(filePath, range)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
