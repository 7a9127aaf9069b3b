import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studioMethods } from '../../electron/contract/channels';
import { validateRequest } from '../../electron/contract/validate';
import { captionFontFor } from '../../electron/engine/captions/caption-font-files.js';
import { captionFontsDir } from '../../electron/engine/captions/caption-fonts-dir.js';
import { captionGeometry } from '../../electron/engine/captions/caption-geometry.js';
import { layoutCaptionCues } from '../../electron/engine/captions/caption-layout.js';
import { joinCaptionText } from '../../electron/engine/captions/caption-script.js';
import type { CaptionWord } from '../../electron/engine/captions/caption-types.js';
import { loadCaptionFont } from '../../electron/engine/captions/font-metrics.js';
import { InputError } from '../../electron/engine/errors.js';
import { parseScene } from '../../electron/engine/render/scene.js';

describe('contract request schemas (properties)', () => {
  it('any payload for any method is accepted or refused with BAD_REQUEST; never a throw, never an echo of a value', () => {
    const marker = fc.string({ minLength: 10, maxLength: 16, unit: fc.constantFrom('q', 'z', 'x', 'j') }).map((s) => `⟦${s}⟧`);
    const payload = fc.oneof(fc.anything({ maxDepth: 3 }), marker.chain((m) => fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.constant(m), fc.double(), fc.integer())).map((d) => ({ d, m }))));
    fc.assert(
      fc.property(fc.constantFrom(...studioMethods), payload, (method, value) => {
        const request = typeof value === 'object' && value !== null && 'm' in value && 'd' in value ? (value as { d: unknown }).d : value;
        const result = validateRequest(`studio:${method}`, request);
        if (result.ok) return;
        expect(result.error.code).toBe('BAD_REQUEST');
        expect(result.error.message.length).toBeLessThanOrEqual(400);
        expect(result.error.message).not.toMatch(/⟦[qzxj]+⟧/);
      }),
      { numRuns: 1500 },
    );
  });

  it('any channel that is not a studio method is UNKNOWN_CHANNEL', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), (channel) => {
        fc.pre(!(typeof channel === 'string' && (studioMethods as readonly string[]).map((m) => `studio:${m}`).includes(channel)));
        expect(validateRequest(channel, undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      { numRuns: 500 },
    );
  });
});

describe('scene files (properties)', () => {
  const clip = fc.record(
    {
      start: fc.oneof(fc.double({ min: -10, max: 4000, noNaN: true }), fc.constant(0)),
      audio: fc.constantFrom('a.wav', '', '/abs/b.wav'),
      say: fc.constantFrom('Hello.', ' ', ''),
      voice: fc.constantFrom('en-us', ''),
      text: fc.constantFrom('Hello.', ''),
      trimStart: fc.double({ min: -1, max: 5, noNaN: true }),
      trimEnd: fc.double({ min: -1, max: 5, noNaN: true }),
    },
    { requiredKeys: ['start'] },
  );
  const scene = fc.record(
    {
      face: fc.constantFrom('face.png', '', '../x.jpg'),
      preset: fc.constantFrom('reel', 'square', 'tiktok'),
      fps: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double({ noNaN: false })),
      seed: fc.oneof(fc.integer(), fc.double()),
      tracks: fc.array(fc.record({ subject: fc.integer({ min: -1, max: 3 }), clips: fc.array(clip, { maxLength: 3 }) }, { requiredKeys: ['subject', 'clips'] }), { maxLength: 3 }),
      extra: fc.anything({ maxDepth: 1 }),
    },
    { requiredKeys: ['tracks'] },
  );

  it('any scene-like JSON gives a scene, or one InputError naming the file and a field; never another error', () => {
    fc.assert(
      fc.property(fc.oneof(scene, fc.anything({ maxDepth: 3 })), (json) => {
        try {
          const parsed = parseScene(json, '/work/scene.json');
          expect(parsed.tracks.length).toBeGreaterThan(0);
          for (const track of parsed.tracks) for (const c of track.clips) expect(c.startSec).toBeGreaterThanOrEqual(0);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).toMatch(/^\/work\/scene\.json: /);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('caption layout (properties)', () => {
  const wordText = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 12 }),
    fc.constantFrom('Hello,', 'world.', 'Why?', 'supercalifragilisticexpialidocious', 'Internationalization!', 'I', 'a', '—', '42'),
  );
  const words = fc.array(fc.tuple(wordText, fc.double({ min: 0.02, max: 0.8, noNaN: true }), fc.double({ min: 0, max: 0.9, noNaN: true })), { minLength: 1, maxLength: 40 }).map((list) => {
    let t = 0.1;
    return list.map(([text, durationSec, gapSec]): CaptionWord => {
      const word = { text, start: t, end: t + durationSec };
      t = word.end + gapSec;
      return word;
    });
  });
  const fontsDir = captionFontsDir();

  it('every word appears once in order; lines fit the width (a lone over-wide word shrinks); cues never overlap', () => {
    fc.assert(
      fc.property(words, fc.constantFrom('clean', 'reel') as fc.Arbitrary<'clean' | 'reel'>, fc.constantFrom([1080, 1920], [1080, 1080], [640, 360], [320, 320]), (input, style, [width, height]) => {
        const cues = layoutCaptionCues(input, { style, width, height, fontsDir });
        expect(cues.flatMap((cue) => cue.lines.flat()).map((w) => w.text)).toEqual(input.map((w) => w.text));
        const geometry = captionGeometry(style, width, height);
        cues.forEach((cue, i) => {
          expect(cue.end).toBeGreaterThan(cue.start);
          if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1].end);
          expect(cue.fontScale).toBeGreaterThan(0);
          expect(cue.fontScale).toBeLessThanOrEqual(1);
          const font = loadCaptionFont(fontsDir, captionFontFor(cue.script, geometry.weight));
          for (const line of cue.lines) {
            expect(line.length).toBeGreaterThan(0);
            expect(font.measureText(joinCaptionText(line), geometry.emPx * cue.fontScale)).toBeLessThanOrEqual(geometry.maxLineWidthPx + 0.01);
          }
          // Shrinking is only for a word too wide for a line on its own.
          if (cue.fontScale < 1) expect(cue.lines.some((line) => line.length === 1 && font.measureText(line[0].text, geometry.emPx) > geometry.maxLineWidthPx)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
