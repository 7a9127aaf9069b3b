import { describe, expect, it } from 'vitest';
import type { RenderJobSpec } from './render-job.js';
import { toTalkingVideoRequest } from './talking-video-runner.js';

const spec: RenderJobSpec = {
  version: 1,
  title: 'Crew',
  preset: 'square',
  fps: 30,
  outputPath: '/renders/crew.mp4',
  face: { path: '/media/crew.png', kind: 'image', width: 800, height: 600, consent: true },
  durationSec: 4,
  tracks: [
    { subject: 1, clips: [{ kind: 'audio', start: 0.5, path: '/media/voice.wav', trimStart: 1, trimEnd: 2.5 }] },
    { subject: 0, clips: [{ kind: 'script', start: 2, text: 'Hello there', voice: 'en-gb', durationSec: 1.2 }] },
  ],
  subjects: { '1': { expressiveness: 2, headMotion: 0, blinkRate: 30 } },
  captions: { enabled: false, style: 'clean' },
};

describe('toTalkingVideoRequest', () => {
  it('keeps every track, trims, voices and per-subject style of the job', () => {
    const request = toTalkingVideoRequest(spec);
    expect(request).toMatchObject({ facePath: '/media/crew.png', preset: 'square', fps: 30, outPath: '/renders/crew.mp4' });
    expect(request.tracks).toEqual([
      { subject: 1, clips: [{ startSec: 0.5, source: { kind: 'audio', path: '/media/voice.wav', trimStartSec: 1, trimEndSec: 2.5 } }] },
      { subject: 0, clips: [{ startSec: 2, source: { kind: 'say', text: 'Hello there', voice: 'en-gb' } }] },
    ]);
    expect(request.styles).toEqual({ 1: { expressiveness: 2, headMotion: 0, blinkRate: 30 } });
  });

  it('dubs a video face at the clip\'s own frame rate with the project\'s length and sound rules; a photo has none', () => {
    const clip = { ...spec, face: { ...spec.face, path: '/media/clip.mp4', kind: 'video' as const }, footage: { keepClipLength: true, originalAudioDb: -18 } };
    expect(toTalkingVideoRequest(clip).footage).toEqual({ matchClipFps: true, keepClipLength: true, originalAudioDb: -18 });
    expect(toTalkingVideoRequest({ ...clip, footage: undefined }).footage).toEqual({ matchClipFps: true });
    // A custom preset's frame rate wins over the clip's.
    expect(toTalkingVideoRequest({ ...clip, customPreset: { name: 'Web', width: 640, height: 360, fps: 24, crf: 23, x264Preset: 'veryfast', audioBitrateKbps: 128, framing: 'landscape' } }).footage?.matchClipFps).toBe(false);
    expect(toTalkingVideoRequest(spec).footage).toBeUndefined();
  });

  it('refuses a face without recorded consent, with the NO_CONSENT code', () => {
    for (const consent of [false, undefined]) {
      expect(() => toTalkingVideoRequest({ ...spec, face: { ...spec.face, consent } })).toThrow(expect.objectContaining({ name: 'InputError', code: 'NO_CONSENT' }));
    }
  });
});
