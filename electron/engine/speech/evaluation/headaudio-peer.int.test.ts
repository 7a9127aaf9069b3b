import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../media/index.js';
import { generateCorpusClip, scoreClip } from './evaluate-lip-sync.js';
import { headAudioCurves, loadHeadAudioPeer, segmentsFromMessages } from './headaudio-peer.js';
import { listCorpusItems } from './lip-sync-corpus.js';

/** The peer is an evaluation devDependency; where it is not installed its run is skipped (the message parsing is not). */
const peerInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@met4citizen/headaudio/package.json');
    return true;
  } catch {
    return false;
  }
})();

describe('the published peer @met4citizen/headaudio, run as the evaluation runs it', () => {
  it('turns its viseme events into segments: a viseme holds until the next event, null repeats, ended is silence', () => {
    const segments = segmentsFromMessages(
      [
        { event: 'started', t: 0.1 },
        { event: 'viseme', viseme: 5, t: 0.1, d: 0.032 }, // PP
        { event: 'viseme', viseme: 5, t: 0.116, d: 0.032 },
        { event: 'viseme', viseme: 0, t: 0.132, d: 0.032 }, // aa
        { event: 'viseme', viseme: 11, t: 0.2, d: 0.032 }, // nn, drawn as DD
        { event: 'ended', t: 0.25 },
        { event: 'viseme', viseme: 14, t: 0.3, d: 0.032 }, // sil
        { event: 'viseme', viseme: null, t: 0.316, d: 0.032 },
      ],
      1,
    );
    expect(segments.map((s) => [s.viseme, +s.start.toFixed(3), +s.end.toFixed(3)])).toEqual([
      ['PP', 0.1, 0.132],
      ['aa', 0.132, 0.2],
      ['DD', 0.2, 0.25],
    ]);
  });

  it.skipIf(!peerInstalled)('runs on a held-out corpus clip, 8 kHz telephone included, and shuts the lips at some b/p/m', async () => {
    const peer = await loadHeadAudioPeer();
    const tools = await resolveFfmpegTools();
    const items = listCorpusItems('held-out').filter((item) => item.language === 'fr');
    const clean = items.find((item) => item.condition.name === 'clean')!;
    const telephone = items.find((item) => item.condition.telephone)!;
    for (const item of [clean, telephone]) {
      const clip = await generateCorpusClip(tools, item, 0);
      const score = scoreClip(clip, headAudioCurves(peer, clip.audio, { fps: 30 }));
      expect(peer.visemes(clip.audio).length, item.id).toBeGreaterThan(5);
      expect(score.closures, item.id).toBeGreaterThan(0);
      if (item === clean) expect(score.pressRuns, item.id).toBeGreaterThan(0);
    }
  }, 120_000);
});
