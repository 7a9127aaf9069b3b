import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSampleFile, isSampleKeyword, loadSampleMedia, resolveMediaValue, SAMPLE_FILES } from './sample-media.js';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'samples');
const temp = mkdtempSync(path.join(os.tmpdir(), 'mouthpiece-samples-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the bundled samples', () => {
  it('are in resources/samples: a JPEG portrait well under 300 KB, a short WAV and its transcript', async () => {
    const samples = await loadSampleMedia(SAMPLES_DIR);
    expect(samples.facePath).toBe(path.join(SAMPLES_DIR, SAMPLE_FILES.face));
    expect(statSync(samples.facePath).size).toBeLessThan(150 * 1024);
    expect(statSync(samples.voicePath).size).toBeLessThan(300 * 1024);
    expect(samples.voiceTranscript).toMatch(/^Printing, in the only sense/);
    expect(samples.license).toBe('public domain');
  });

  it('names the missing file when the folder is incomplete', async () => {
    writeFileSync(path.join(temp, SAMPLE_FILES.face), 'x');
    await expect(loadSampleMedia(temp)).rejects.toMatchObject({ name: 'InputError', code: 'FILE_NOT_FOUND', message: expect.stringContaining(SAMPLE_FILES.voice) });
  });
});

describe('"sample" in place of a file', () => {
  it('is the keyword in any case and with spaces, and nothing else', () => {
    expect(['sample', ' Sample ', 'SAMPLE'].every((v) => isSampleKeyword(v))).toBe(true);
    expect(['samples', 'sample.jpg', './sample', '', undefined, null].some((v) => isSampleKeyword(v))).toBe(false);
  });

  it('resolves to the sample face or voice, and other values against the base folder', async () => {
    const samples = await loadSampleMedia(SAMPLES_DIR);
    expect(resolveMediaValue({ value: 'sample', kind: 'face', baseDir: temp, samples })).toBe(samples.facePath);
    expect(resolveMediaValue({ value: 'sample', kind: 'audio', baseDir: temp, samples })).toBe(samples.voicePath);
    expect(resolveMediaValue({ value: 'me.jpg', kind: 'face', baseDir: temp, samples })).toBe(path.join(temp, 'me.jpg'));
    expect(() => resolveMediaValue({ value: 'sample', kind: 'face', baseDir: temp, origin: 'talk.json' })).toThrow(/talk\.json: the bundled samples are not available here/);
  });

  it('tells a file inside the samples folder (links followed) from one outside', async () => {
    const samples = await loadSampleMedia(SAMPLES_DIR);
    const link = path.join(temp, 'linked.jpg');
    symlinkSync(samples.facePath, link);
    expect(isSampleFile(samples.facePath, SAMPLES_DIR)).toBe(true);
    expect(isSampleFile(link, SAMPLES_DIR)).toBe(true);
    expect(isSampleFile(path.join(temp, SAMPLE_FILES.face), SAMPLES_DIR)).toBe(false);
    expect(isSampleFile(SAMPLES_DIR, SAMPLES_DIR)).toBe(false);
    expect(isSampleFile(path.join(temp, 'none.jpg'), SAMPLES_DIR)).toBe(false);
  });
});
