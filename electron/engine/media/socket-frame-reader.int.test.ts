import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepStaleTempFolders } from './atomic-file.js';
import { openSocketFrameReader, socketFramesSupported } from './socket-frame-reader.js';

describe.skipIf(!socketFramesSupported)('openSocketFrameReader', () => {
  let scratch: string;
  let savedTmp: string | undefined;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'socket-reader-test-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
  });
  afterEach(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(scratch, { recursive: true, force: true });
  });

  it('leaves no socket or folder in the temporary folder once connected, and still carries whole frames', async () => {
    const reader = await openSocketFrameReader(6);
    try {
      expect(await readdir(scratch)).toEqual([]);
      reader.childEnd.write(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
      reader.childEnd.end(Buffer.from([9, 10, 11, 12]));
      expect(Array.from((await reader.next())!)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(Array.from((await reader.next())!)).toEqual([7, 8, 9, 10, 11, 12]);
      expect(await reader.next()).toBeNull();
    } finally {
      reader.destroy();
    }
  });

  it('reads the next frame ahead into a second buffer, never into the frame the consumer holds', async () => {
    const reader = await openSocketFrameReader(6);
    try {
      const frames = Array.from({ length: 5 }, (_, f) => Array.from({ length: 6 }, (_, i) => f * 10 + i));
      // all five in one write: several frames a read, more than two buffers' worth waiting
      reader.childEnd.end(Buffer.from(frames.flat()));
      const first = (await reader.next())!;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(Array.from(first)).toEqual(frames[0]);
      const seen: number[][] = [Array.from(first)];
      const buffers = new Set([first.buffer]);
      for (let frame = await reader.next(); frame; frame = await reader.next()) {
        seen.push(Array.from(frame));
        buffers.add(frame.buffer);
      }
      expect(seen).toEqual(frames);
      expect(buffers.size).toBe(2);
      expect(reader.pendingBytes).toBe(0);
    } finally {
      reader.destroy();
    }
  });

  it('names its folder so that a later run sweeps it away when a kill left it behind', async () => {
    const reader = await openSocketFrameReader(4);
    reader.destroy();
    // what a SIGKILL between listening and connecting leaves: the same folder and socket, of a process now gone
    const left = join(scratch, 'mouthpiece-frames-2147480000-Ab12Cd');
    await mkdir(left);
    await writeFile(join(left, 'frames.sock'), '');
    expect(await sweepStaleTempFolders(scratch)).toBe(1);
    expect(await readdir(scratch)).toEqual([]);
  });
});
