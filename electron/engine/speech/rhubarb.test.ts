import { describe, expect, it } from 'vitest';
import { formatRhubarbJson, formatRhubarbTsv, rhubarbShapeFor, toRhubarbCues } from './rhubarb.js';

describe('Rhubarb export', () => {
  it('maps visemes to Preston Blair shapes, with H for an l', () => {
    expect(rhubarbShapeFor('PP')).toBe('A');
    expect(rhubarbShapeFor('aa')).toBe('D');
    expect(rhubarbShapeFor('U')).toBe('F');
    expect(rhubarbShapeFor('FF')).toBe('G');
    expect(rhubarbShapeFor('DD', 'l')).toBe('H');
    expect(rhubarbShapeFor('DD', 't')).toBe('B');
    expect(rhubarbShapeFor('sil')).toBe('X');
  });

  it('fills gaps with X, merges equal shapes and writes both formats', () => {
    const cues = toRhubarbCues(
      [
        { start: 0.2, end: 0.3, viseme: 'PP' },
        { start: 0.3, end: 0.5, viseme: 'aa' },
        { start: 0.5, end: 0.6, viseme: 'DD' },
        { start: 0.6, end: 0.7, viseme: 'kk' },
      ],
      1,
    );
    expect(cues.map((c) => c.value)).toEqual(['X', 'A', 'D', 'B', 'X']);
    expect(formatRhubarbTsv(cues)).toBe('0.00\tX\n0.20\tA\n0.30\tD\n0.50\tB\n0.70\tX\n');
    const json = JSON.parse(formatRhubarbJson(cues, { soundFile: 'a.wav', durationSec: 1 }));
    expect(json.metadata).toEqual({ soundFile: 'a.wav', duration: 1 });
    expect(json.mouthCues[3]).toEqual({ start: 0.5, end: 0.7, value: 'B' });
  });
});
