import { describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../media/index.js';
import { analyzeSpeech } from '../analyze-speech.js';
import { formatSummaryTable, generateCorpusClip, scoreClip, summariseByGroup, type ClipScore } from './evaluate-lip-sync.js';
import { CORPUS_CONDITIONS, CORPUS_LANGUAGES, CORPUS_VARIANTS, listCorpusItems } from './lip-sync-corpus.js';

/**
 * The audio-only route on voices and languages it was never tuned on (the corpus's held-out part), each
 * language heard once under every condition. Thresholds sit a little under what this build measures (see the
 * figures printed), so a change that makes unseen voices worse fails here; the goals (≥ 85 % of b/p/m
 * closed, ≤ 1 false closure per 10 s) are not reached yet and are printed, not asserted.
 */
describe('audio-only lip sync on held-out voices (eSpeak corpus, exact phoneme times)', () => {
  it('keeps the tuning and held-out parts apart', () => {
    for (const key of ['tuning', 'held-out'] as const) expect(CORPUS_LANGUAGES[key].length).toBeGreaterThan(5);
    expect(CORPUS_LANGUAGES.tuning.filter((l) => CORPUS_LANGUAGES['held-out'].includes(l))).toEqual([]);
    expect(CORPUS_VARIANTS.tuning.filter((v) => CORPUS_VARIANTS['held-out'].includes(v))).toEqual([]);
  });

  it('closes the lips at most b/p/m, presses seldom elsewhere and opens open vowels, under every condition', async () => {
    const tools = await resolveFfmpegTools();
    const items = listCorpusItems('held-out', { perLanguage: CORPUS_CONDITIONS.length });
    const scores: ClipScore[] = [];
    for (const [index, item] of items.entries()) {
      const clip = await generateCorpusClip(tools, item, index);
      scores.push(scoreClip(clip, (await analyzeSpeech({ audio: clip.audio, fps: 30 })).curves));
    }
    const [all, ...groups] = summariseByGroup(scores);
    console.log(
      `held-out: ${all.clips} clips, b/p/m closed ${(100 * all.closureRecall).toFixed(0)} % of ${all.closures}, false closures ${all.falseClosuresPer10Sec.toFixed(1)} per 10 s (${(100 * all.falseClosureShare).toFixed(0)} % of presses), open vowels ${(100 * all.openVowelsOpened).toFixed(0)} %`,
    );
    console.log(formatSummaryTable([all, ...groups.filter((g) => g.group.startsWith('condition'))]));
    expect(all.closures).toBeGreaterThan(300);
    expect(all.closureRecall).toBeGreaterThanOrEqual(0.7); // 73 % measured (68 % before slow releases under noise counted)
    expect(all.falseClosureShare).toBeLessThanOrEqual(0.2); // 15 % measured
    expect(all.openVowelsOpened).toBeGreaterThanOrEqual(0.8);
    // No condition may fall apart: pink noise at 10 dB SNR closes 52 % here (23 % before slow releases counted), the room 48 %.
    for (const g of groups.filter((r) => r.group.startsWith('condition'))) expect(g.closureRecall, g.group).toBeGreaterThanOrEqual(0.42);
  }, 300_000);
});
