import type { TimedViseme, Viseme } from './visemes.js';

/**
 * Rhubarb Lip Sync's mouth shapes (Preston Blair style), for tools that read its output:
 * A closed (M B P), B slightly open with clenched teeth (most consonants, EE), C open (EH, AE),
 * D wide open (AA), E slightly rounded (AO, ER), F puckered (UW, OW, W), G upper teeth on lower lip (F V),
 * H tongue raised behind the teeth (L), X idle/rest.
 */
export type RhubarbShape = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'X';

const SHAPE: Record<Viseme, RhubarbShape> = {
  sil: 'X',
  PP: 'A',
  FF: 'G',
  TH: 'B',
  DD: 'B',
  kk: 'B',
  CH: 'B',
  SS: 'B',
  RR: 'E',
  aa: 'D',
  E: 'C',
  I: 'B',
  O: 'E',
  U: 'F',
};

/** The Rhubarb shape for a viseme; an "l" (lateral) phoneme is shape H when known. */
export function rhubarbShapeFor(viseme: Viseme, phoneme?: string): RhubarbShape {
  if (viseme === 'DD' && phoneme && /^[lɫɭʎ]/u.test(phoneme.normalize('NFD').replace(/[ˈˌ]/gu, ''))) return 'H';
  return SHAPE[viseme];
}

export interface RhubarbCue {
  start: number;
  end: number;
  value: RhubarbShape;
}

/** Mouth cues covering the whole clip, neighbours with the same shape merged, idle (X) in the gaps. */
export function toRhubarbCues(visemes: (TimedViseme & { phoneme?: string })[], durationSec: number): RhubarbCue[] {
  const cues: RhubarbCue[] = [];
  const push = (start: number, end: number, value: RhubarbShape) => {
    if (end - start <= 1e-6) return;
    const last = cues[cues.length - 1];
    if (last && last.value === value && Math.abs(last.end - start) < 1e-6) last.end = end;
    else cues.push({ start, end, value });
  };
  let t = 0;
  for (const v of visemes) {
    if (v.start > t) push(t, v.start, 'X');
    push(Math.max(t, v.start), v.end, rhubarbShapeFor(v.viseme, v.phoneme));
    t = Math.max(t, v.end);
  }
  if (durationSec > t) push(t, durationSec, 'X');
  return cues;
}

const seconds = (t: number) => (Math.round(t * 100) / 100).toFixed(2);

/** Rhubarb's TSV format: one "start<TAB>shape" line per cue, then a final X at the clip's end. */
export function formatRhubarbTsv(cues: RhubarbCue[]): string {
  const lines = cues.map((c) => `${seconds(c.start)}\t${c.value}`);
  const end = cues[cues.length - 1]?.end;
  if (end !== undefined && cues[cues.length - 1].value !== 'X') lines.push(`${seconds(end)}\tX`);
  return `${lines.join('\n')}\n`;
}

/** Rhubarb's JSON format: {"metadata":{…},"mouthCues":[{"start","end","value"}]}. */
export function formatRhubarbJson(cues: RhubarbCue[], { soundFile, durationSec }: { soundFile: string; durationSec: number }): string {
  return `${JSON.stringify(
    {
      metadata: { soundFile, duration: Number(seconds(durationSec)) },
      mouthCues: cues.map((c) => ({ start: Number(seconds(c.start)), end: Number(seconds(c.end)), value: c.value })),
    },
    null,
    2,
  )}\n`;
}
