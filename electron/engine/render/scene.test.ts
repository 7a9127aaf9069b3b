import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSampleMedia } from '../samples/index.js';
import { assertNoOverlappingClips, loadSceneFile, parseScene } from './scene.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mouthpiece-scene-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenePath = path.join(dir, 'scenes', 'talk.json');

describe('parseScene', () => {
  it('resolves paths against the scene file and turns clips into requests', () => {
    const scene = parseScene(
      {
        face: '../photos/crew.png',
        preset: 'square',
        fps: 25,
        tracks: [
          { subject: 0, clips: [{ start: 0, audio: 'voice.wav', text: 'hello there' }] },
          { subject: 2, clips: [{ start: 1.5, say: 'Hi!', voice: 'en-us' }] },
        ],
      },
      scenePath,
    );
    expect(scene.facePath).toBe(path.join(dir, 'photos', 'crew.png'));
    expect(scene.preset).toBe('square');
    expect(scene.tracks[0].clips[0]).toEqual({ startSec: 0, source: { kind: 'audio', path: path.join(dir, 'scenes', 'voice.wav'), transcript: 'hello there' } });
    expect(scene.tracks[1].clips[0]).toEqual({ startSec: 1.5, source: { kind: 'say', text: 'Hi!', voice: 'en-us' } });
  });

  it('takes "sample" as the bundled face and recording, the recording with its transcript', async () => {
    const samples = await loadSampleMedia(path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'samples'));
    const scene = parseScene({ face: 'sample', tracks: [{ subject: 0, clips: [{ start: 0, audio: 'Sample' }, { start: 5, audio: 'sample', text: 'Mine.' }] }] }, scenePath, { samples });
    expect(scene.facePath).toBe(samples.facePath);
    expect(scene.tracks[0].clips.map((clip) => clip.source)).toEqual([
      { kind: 'audio', path: samples.voicePath, transcript: samples.voiceTranscript },
      { kind: 'audio', path: samples.voicePath, transcript: 'Mine.' },
    ]);
    expect(() => parseScene({ face: 'sample', tracks: [{ subject: 0, clips: [{ start: 0, say: 'Hi' }] }] }, scenePath)).toThrow(/talk\.json: the bundled samples are not available/);
  });

  it('keeps an audio clip\'s trims and a track\'s style (by subject)', () => {
    const scene = parseScene(
      {
        face: 'crew.png',
        tracks: [
          { subject: 1, style: { headMotion: 0, blinkRate: 30 }, clips: [{ start: 2, audio: 'voice.wav', trimStart: 1.5, trimEnd: 4 }] },
          { subject: 0, clips: [{ start: 0, say: 'Hello' }] },
        ],
      },
      scenePath,
    );
    expect(scene.tracks[0].clips[0].source).toEqual({ kind: 'audio', path: path.join(dir, 'scenes', 'voice.wav'), transcript: undefined, trimStartSec: 1.5, trimEndSec: 4 });
    expect(scene.styles).toEqual({ 1: { headMotion: 0, blinkRate: 30 } });
  });

  it.each([
    [{ tracks: [] }, /talk\.json: face is missing/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: 0, say: 'x', trimStart: 1 }] }] }, /tracks\[0\]\.clips\[0\]\.trimStart only applies to an "audio" clip/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: 0, audio: 'a.wav', trimStart: 3, trimEnd: 2 }] }] }, /tracks\[0\]\.clips\[0\]\.trimEnd must be after trimStart/],
    [{ face: 'a.png', tracks: [{ subject: 0, style: { headMotion: 3 }, clips: [{ start: 0, say: 'x' }] }] }, /tracks\[0\]\.style\.headMotion/],
    [{ face: 3, tracks: [{ subject: 0, clips: [{ start: '1', say: 'x' }] }] }, /talk\.json: face must be a string \(and 1 more problem\)/],
    [{ face: 'a.png', tracks: [] }, /tracks needs at least one track/],
    [{ face: 'a.png', preset: 'tiktok', tracks: [{ subject: 0, clips: [{ start: 0, say: 'x' }] }] }, /preset must be one of reel, square, landscape, source/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: -1, say: 'x' }] }] }, /tracks\[0\]\.clips\[0\]\.start must be 0 or more seconds/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: 0 }] }] }, /tracks\[0\]\.clips\[0\] needs exactly one of "audio" \(a file\) or "say" \(text\)/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: 0, say: 'x', audio: 'a.wav' }] }] }, /needs exactly one of/],
    [{ face: 'a.png', tracks: [{ subject: 1.5, clips: [{ start: 0, say: 'x' }] }] }, /tracks\[0\]\.subject must be a whole number/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: 0, say: 'x', speed: 2 }] }] }, /tracks\[0\]\.clips\[0\] has unknown field "speed"/],
    [{ face: 'a.png', tracks: [{ subject: 0, clips: [{ start: 0, say: 'x' }] }, { subject: 0, clips: [{ start: 3, say: 'y' }] }] }, /tracks\[1\] is for subject 0 like tracks\[0\]/],
  ])('names the field of a bad scene %#', (json, message) => {
    expect(() => parseScene(json, scenePath)).toThrow(message);
  });
});

describe('loadSceneFile', () => {
  it('reports a missing file and broken JSON with the file name', async () => {
    await expect(loadSceneFile(path.join(dir, 'none.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"face": "a.png",');
    await expect(loadSceneFile(broken)).rejects.toThrow(/broken\.json: not valid JSON/);
  });
});

describe('assertNoOverlappingClips', () => {
  const tracks = [{ subject: 1, clips: [{ startSec: 2, source: { kind: 'say' as const, text: 'b' } }, { startSec: 0, source: { kind: 'say' as const, text: 'a' } }] }];
  it('accepts clips end to end and refuses overlaps on one track, naming subject and clips', () => {
    expect(() => assertNoOverlappingClips({ tracks, durationsSec: [[1, 2]], origin: 'scene.json' })).not.toThrow();
    expect(() => assertNoOverlappingClips({ tracks, durationsSec: [[1, 2.5]], origin: 'scene.json' })).toThrow(
      /scene\.json: on the track of subject 1, clip 0 starts at 2\.00 s while clip 1 plays until 2\.50 s/,
    );
  });
});
