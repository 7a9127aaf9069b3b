import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';
import { z } from 'zod';
import { MIN_WINDOW_SIZE } from './window-options';

/** Where the main window was and how big, kept in `window-state.json` in userData. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
  maximized: z.boolean(),
});

// Synchronous on purpose: a few hundred bytes, read once before the window opens and written once as it closes,
// when an async write could still be pending as the process exits.

/** The remembered state, or undefined when there is none or the file is damaged (the window then opens centred). */
export function readWindowState(file: string): WindowState | undefined {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a crash mid-write never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  renameSync(temporary, file);
}

/** How much of the title bar must be on a screen for the remembered position to be used. */
const GRAB_WIDTH_PX = 100;
const GRAB_HEIGHT_PX = 24;

/**
 * Makes a remembered state fit the screens attached now: the size is clamped to the largest work area, and the
 * position is dropped (window centred) when the title bar would not be reachable, e.g. after unplugging a monitor.
 */
export function fitWindowState(state: WindowState, workAreas: Rectangle[]): WindowState {
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((area) => area.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((area) => area.height));
  const width = clamp(state.width, MIN_WINDOW_SIZE.width, maxWidth);
  const height = clamp(state.height, MIN_WINDOW_SIZE.height, maxHeight);
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar = { x: state.x, y: state.y, width, height: GRAB_HEIGHT_PX };
  const reachable = workAreas.some((area) => {
    const overlap = intersect(titleBar, area);
    return overlap.width >= Math.min(GRAB_WIDTH_PX, width) && overlap.height >= GRAB_HEIGHT_PX;
  });
  return reachable ? { ...fitted, x: state.x, y: state.y } : fitted;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function intersect(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}
