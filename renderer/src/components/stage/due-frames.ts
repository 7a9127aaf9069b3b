/**
 * Frames that came back ahead of the sound wait here for their time. Shown on arrival, frames asked for ahead by a
 * round trip that keeps changing were shown up to a third of a second early or late; shown when the sound's clock
 * reaches them, the picture is within half a frame of the sound whenever frames come in time; a frame whose turn
 * passed while a newer one was already due is dropped, not shown after the sound has moved on.
 */
export interface DueFrames<Frame> {
  /** A frame for `timeSec`; replaces one already waiting for the same time. */
  add(timeSec: number, frame: Frame): void;
  /**
   * The newest frame due at `playheadSec` (its time at most half a frame ahead), or null when none is; it and every
   * older frame leave the queue (the older ones through `onDrop`).
   */
  take(playheadSec: number): Frame | null;
  /** Drops every waiting frame (playback stopped, or an edit changed what they show). */
  clear(): void;
}

export function createDueFrames<Frame>({ fps, onDrop }: { fps: number; onDrop(frame: Frame): void }): DueFrames<Frame> {
  const halfFrameSec = 0.5 / fps;
  let waiting: { timeSec: number; frame: Frame }[] = [];
  return {
    add(timeSec, frame) {
      const same = waiting.findIndex((entry) => entry.timeSec === timeSec);
      if (same >= 0) onDrop(waiting.splice(same, 1)[0].frame);
      waiting.push({ timeSec, frame });
      waiting.sort((a, b) => a.timeSec - b.timeSec);
    },
    take(playheadSec) {
      let due = -1;
      while (due + 1 < waiting.length && waiting[due + 1].timeSec <= playheadSec + halfFrameSec) due += 1;
      if (due < 0) return null;
      const taken = waiting.slice(0, due + 1);
      waiting = waiting.slice(due + 1);
      for (const entry of taken.slice(0, -1)) onDrop(entry.frame);
      return taken[taken.length - 1].frame;
    },
    clear() {
      for (const entry of waiting) onDrop(entry.frame);
      waiting = [];
    },
  };
}
