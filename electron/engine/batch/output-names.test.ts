import { describe, expect, it } from 'vitest';
import type { ManifestItem } from './batch-manifest.js';
import { planOutputNames, slugify } from './output-names.js';

let nextPosition = 0;
function item(overrides: Partial<ManifestItem> = {}): ManifestItem {
  const position = nextPosition++;
  return {
    position,
    origin: `batch.csv row ${position + 2}`,
    facePath: '/photos/Ada Lovelace.png',
    subject: 0,
    source: { kind: 'say', text: 'Hello creators, three tips today', voice: 'en-us' },
    preset: 'reel',
    captions: 'none',
    label: false,
    ...overrides,
  };
}

describe('slugify', () => {
  it('keeps the words of any script, lower-cased and joined by dashes', () => {
    expect(slugify("Hi creators! It's Monday.")).toBe('hi-creators-it-s-monday');
    expect(slugify('こんにちは 世界')).toBe('こんにちは-世界');
    expect(slugify('Ça va, Zoë?')).toBe('ça-va-zoë');
  });

  it('cuts between words at 40 characters, and cuts a single longer word', () => {
    const slug = slugify('one two three four five six seven eight nine ten eleven');
    expect(slug).toBe('one-two-three-four-five-six-seven-eight');
    expect([...slug].length).toBeLessThanOrEqual(40);
    expect(slugify('x'.repeat(60))).toBe('x'.repeat(40));
  });

  it('gives "untitled" when nothing is left', () => {
    expect(slugify('!!! ...')).toBe('untitled');
  });
});

describe('planOutputNames', () => {
  it('fills the default template from the project, the script and the preset', () => {
    expect(planOutputNames([item()], { project: 'Weekly Reels' })).toEqual(['weekly-reels-hello-creators-three-tips-today-reel']);
  });

  it('names a recording by its transcript, or by its file name without one', () => {
    const withText = item({ source: { kind: 'audio', path: '/a/take 3.wav', transcript: 'Printing, in the only sense' } });
    const without = item({ source: { kind: 'audio', path: '/a/take 3.wav' } });
    expect(planOutputNames([withText, without], { project: 'p', template: '{script}-{voice}' })).toEqual(['printing-in-the-only-sense-recording', 'take-3-recording']);
  });

  it('fills every template field', () => {
    const names = planOutputNames([item({ subject: 2, position: 6, source: { kind: 'say', text: 'x' } })], { project: 'p', template: '{face}_{subject}_{voice}_{row}' });
    expect(names).toEqual(['ada-lovelace_2_default_7']);
  });

  it("uses a row's own name, made safe for the file system", () => {
    expect(planOutputNames([item({ name: 'Intro: take "1"?' }), item({ name: '..hidden.' })], { project: 'p' })).toEqual(['Intro- take -1--', 'hidden']);
  });

  it('never gives two items the same file, even against a name that already ends in -2, and ignoring case', () => {
    const names = planOutputNames([item({ name: 'clip' }), item({ name: 'Clip' }), item({ name: 'clip-2' }), item({ name: 'clip' })], { project: 'p' });
    expect(names).toEqual(['clip', 'Clip-2', 'clip-2-2', 'clip-3']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('refuses a template with an unknown field, naming it', () => {
    expect(() => planOutputNames([item()], { project: 'p', template: '{project}-{title}' })).toThrow(/unknown field \{title\}/);
  });
});
