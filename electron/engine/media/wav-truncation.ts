import { open } from 'node:fs/promises';

/** The RIFF chunk headers of a WAV sit in its first bytes; 64 KiB covers long LIST/INFO chunks before `data`. */
const HEAD_BYTES = 64 * 1024;

/**
 * Whether a WAV file ends before the end its own header announces (copied or downloaded only in part). ffmpeg decodes
 * such a file without a word — its length is taken from the file size — so a cut recording would be lip-synced as if
 * whole. Streaming writers that leave the size unknown (0 or 0xFFFFFFFF) are not called truncated.
 */
export async function isTruncatedWav(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return false;
    for (let offset = 12; offset + 8 <= head.length; ) {
      const id = head.toString('latin1', offset, offset + 4);
      const declared = head.readUInt32LE(offset + 4);
      if (id === 'data') {
        if (declared === 0 || declared === 0xffffffff) return false;
        return offset + 8 + declared > size;
      }
      offset += 8 + declared + (declared % 2);
    }
    return false;
  } finally {
    await handle.close();
  }
}
