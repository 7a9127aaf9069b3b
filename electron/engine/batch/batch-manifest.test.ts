import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSampleMedia } from '../samples/index.js';
import { readBatchManifest } from './batch-manifest.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mouthpiece-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { presets: ['reel', 'square', 'landscape', 'source', 'My Story'] };

let count = 0;
function manifest(ext: 'csv' | 'json', text: string): string {
  const file = path.join(dir, `m${++count}.${ext}`);
  writeFileSync(file, text);
  return file;
}

/** The InputError that reading `text` as a manifest throws. */
async function failure(ext: 'csv' | 'json', text: string): Promise<{ code: string; message: string }> {
  const error = await readBatchManifest(manifest(ext, text), options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'InputError' });
  return error as { code: string; message: string };
}

describe('readBatchManifest', () => {
  it('reads a CSV row into an item: paths relative to the manifest, defaults filled, preset spelled as known', async () => {
    const file = manifest('csv', 'face,script,voice,preset,captions,name,label,fps\nphotos/a.png,"Hi, there",en-us,my story,REEL,intro.mp4,yes,25\nb.png,Bye,,,,,,\n');
    const { items, text } = await readBatchManifest(file, options);
    expect(text).toContain('photos/a.png');
    expect(items[0]).toEqual({
      position: 0,
      origin: `${path.basename(file)} row 2`,
      facePath: path.join(dir, 'photos', 'a.png'),
      subject: 0,
      source: { kind: 'say', text: 'Hi, there', voice: 'en-us' },
      preset: 'My Story',
      captions: 'reel',
      name: 'intro',
      label: true,
      fps: 25,
    });
    expect(items[1]).toMatchObject({ position: 1, preset: 'reel', captions: 'none', label: false, source: { kind: 'say', text: 'Bye', voice: undefined } });
    expect(items[1].fps).toBeUndefined();
  });

  it('reads a JSON array, with a recording and its transcript', async () => {
    const file = manifest('json', JSON.stringify([{ face: '/abs/face.jpg', subject: 2, audio: 'take.wav', text: 'Hello.', preset: 'square', label: false }]));
    const [item] = (await readBatchManifest(file, options)).items;
    expect(item).toMatchObject({ origin: `${path.basename(file)} item 1`, facePath: '/abs/face.jpg', subject: 2, source: { kind: 'audio', path: path.join(dir, 'take.wav'), transcript: 'Hello.' } });
  });

  it('takes "sample" in the face and audio columns as the bundled samples, the recording with its transcript', async () => {
    const samples = await loadSampleMedia(path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'samples'));
    const file = manifest('csv', 'face,audio,script\nsample,sample,\nsample,,Hello\n');
    const { items } = await readBatchManifest(file, { ...options, samples });
    expect(items.map((item) => item.facePath)).toEqual([samples.facePath, samples.facePath]);
    expect(items[0].source).toEqual({ kind: 'audio', path: samples.voicePath, transcript: samples.voiceTranscript });
  });

  it('names the row (CSV line, JSON item) and the problem of each bad row', async () => {
    const cases: [ext: 'csv' | 'json', text: string, message: RegExp][] = [
      ['csv', 'face,script\na.png,Hi\n,Hi\n', /row 3: "face" is missing/],
      ['csv', 'face,audio,script\na.png,v.wav,Hi\n', /row 2: give either "audio" or "script", not both/],
      ['csv', 'face,voice\na.png,en-us\n', /row 2: nothing to say/],
      ['csv', 'face,script,text\na.png,Hi,Hello\n', /row 2: "text" is the transcript of "audio"/],
      ['csv', 'face,audio,voice\na.png,v.wav,en-us\n', /row 2: "voice" is the built-in voice for a "script"/],
      ['csv', 'face,script,subject\na.png,Hi,-1\n', /row 2: "subject" must be a whole number ≥ 0.*got "-1"/],
      ['csv', 'face,script,preset\na.png,Hi,tiktok\n', /row 2: unknown preset "tiktok"; use one of reel, square/],
      ['csv', 'face,script,captions\na.png,Hi,bold\n', /row 2: "captions" must be none, clean or reel, got "bold"/],
      ['csv', 'face,script,label\na.png,Hi,maybe\n', /row 2: "label" must be yes or no, got "maybe"/],
      ['csv', 'face,script,fps\na.png,Hi,29.97\n', /row 2: "fps" must be a whole number from 1 to 60, got "29.97"/],
      ['csv', 'face,script,name\na.png,Hi,out/clip\n', /row 2: "name" must be a file name without folders, got "out\/clip"/],
      ['csv', 'face,script\n\n\na.png,Hi,extra\n', /row 4: 3 fields but the header names 2; quote fields that contain commas/],
      ['json', '[{"face":"a.png","script":"Hi"},{"face":"b.png"}]', /item 2: nothing to say/],
      ['json', '[{"face":"a.png","script":"Hi","captions":["reel"]}]', /item 1: "captions" must be a string, number or boolean/],
      ['json', '[{"face":"a.png","script":"Hi"}, 3]', /item 2: each item must be an object/],
    ];
    for (const [ext, text, message] of cases) {
      const error = await failure(ext, text);
      expect(error.code, text).toBe('BAD_ARGUMENT');
      expect(error.message, text).toMatch(message);
      expect(error.message, text).toMatch(/^m\d+\.(csv|json) (row|item) \d+: /);
    }
  });

  it('names the manifest for problems of the whole file', async () => {
    const cases: [ext: 'csv' | 'json', text: string, message: RegExp][] = [
      ['csv', 'face,scrpt\na.png,Hi\n', /header: unknown column "scrpt"; the columns are face, subject/],
      ['csv', 'face,script,face\na.png,Hi,b.png\n', /header: the column "face" appears twice/],
      ['csv', 'face,script\n', /the manifest lists no videos/],
      ['csv', 'face,script\na.png,"Hi\n', /line 2/],
      ['json', '{"face":"a.png"}', /a JSON manifest is an array of objects/],
      ['json', '[{"face":"a.png",}]', /not valid JSON/],
      ['json', '[]', /the manifest lists no videos/],
    ];
    for (const [ext, text, message] of cases) {
      const error = await failure(ext, text);
      expect(error.message, text).toMatch(message);
      expect(error.message, text).toContain(dir);
    }
  });

  it('says when the manifest is missing or is a folder', async () => {
    await expect(readBatchManifest(path.join(dir, 'nope.csv'), options)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.csv: no such manifest file') });
    await expect(readBatchManifest(dir, options)).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('is a folder') });
  });
});
