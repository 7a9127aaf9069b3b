import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitWindowState, readWindowState, writeWindowState } from './window-state';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_SCREEN = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('fitWindowState', () => {
  it('keeps a position that is on a screen', () => {
    expect(fitWindowState({ x: 100, y: 80, width: 1200, height: 800, maximized: false }, [SCREEN])).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('keeps a window on a second screen while it is attached, and centres it once it is gone', () => {
    const state = { x: 2200, y: 100, width: 1400, height: 900, maximized: true };
    expect(fitWindowState(state, [SCREEN, RIGHT_SCREEN])).toMatchObject({ x: 2200, y: 100 });
    const alone = fitWindowState(state, [SCREEN]);
    expect(alone).not.toHaveProperty('x');
    expect(alone).toMatchObject({ width: 1400, height: 900, maximized: true });
  });

  it('drops a position whose title bar is off-screen', () => {
    expect(fitWindowState({ x: 100, y: -500, width: 1200, height: 800, maximized: false }, [SCREEN])).not.toHaveProperty('y');
    expect(fitWindowState({ x: 1900, y: 100, width: 1200, height: 800, maximized: false }, [SCREEN])).not.toHaveProperty('x');
  });

  it('clamps the size between the minimum and the largest screen', () => {
    expect(fitWindowState({ width: 5000, height: 4000, maximized: false }, [SCREEN])).toEqual({ width: 1920, height: 1040, maximized: false });
    expect(fitWindowState({ width: 200, height: 100, maximized: false }, [SCREEN])).toEqual({ width: 960, height: 600, maximized: false });
  });
});

describe('readWindowState / writeWindowState', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-window-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('round-trips through a JSON file', async () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    writeWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ width: 1000 });
  });

  it('treats a missing or damaged file as no state', async () => {
    expect(readWindowState(path.join(dir, 'absent.json'))).toBeUndefined();
    const damaged = path.join(dir, 'damaged.json');
    await writeFile(damaged, '{"width": 1000, "height":');
    expect(readWindowState(damaged)).toBeUndefined();
    const wrong = path.join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ width: 'wide', height: 700, maximized: false }));
    expect(readWindowState(wrong)).toBeUndefined();
  });
});
