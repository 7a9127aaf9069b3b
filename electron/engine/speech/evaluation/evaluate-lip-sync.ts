import type { FfmpegTools } from '../../media/ffmpeg-tools.js';
import { synthesizeSpeech } from '../espeak-synth.js';
import { scoreLipSync, type LipSyncScore } from '../lip-sync-metrics.js';
import type { ArticulationCurves, PcmAudio, TimedPhoneme } from '../speech-types.js';
import { applyCondition, scaleTimes } from './audio-conditions.js';
import { voiceFamily, type CorpusItem } from './lip-sync-corpus.js';

export interface CorpusClip {
  item: CorpusItem;
  audio: PcmAudio;
  /** The synthesiser's phoneme times, carried onto the altered clip. */
  reference: TimedPhoneme[];
}

/** One corpus item made audible: eSpeak speaks it, then the condition alters it. */
export async function generateCorpusClip(tools: FfmpegTools, item: CorpusItem, index: number, signal?: AbortSignal): Promise<CorpusClip> {
  const { audio, timeline } = await synthesizeSpeech(item.text, { voice: item.voice, rate: item.rateWpm });
  const altered = await applyCondition(tools, audio, item.condition, { seed: index + 1, signal });
  return { item, audio: altered.audio, reference: scaleTimes(timeline.phonemes, altered.timeScale) };
}

export interface ClipScore extends LipSyncScore {
  item: CorpusItem;
  /** Seconds of speech (non-pause phonemes) in the reference. */
  speechSec: number;
}

export function scoreClip(clip: CorpusClip, curves: ArticulationCurves): ClipScore {
  const speechSec = clip.reference.filter((p) => p.phoneme !== '_').reduce((s, p) => s + p.end - p.start, 0);
  return { ...scoreLipSync(clip.reference, curves), item: clip.item, speechSec };
}

export interface LipSyncSummary {
  group: string;
  clips: number;
  closures: number;
  /** b/p/m with the lips pressed within ±1 frame at 30 fps. */
  closureRecall: number;
  /** Presses that meet no b/p/m. */
  falseClosures: number;
  falseClosuresPer10Sec: number;
  /** False closures lying wholly in a pause (the rest are inside speech: mid-word or between words without a pause). */
  falseClosuresInPauses: number;
  /** Share of all presses that meet no b/p/m. */
  falseClosureShare: number;
  openVowels: number;
  openVowelsOpened: number;
  speechSec: number;
}

export function summariseScores(group: string, scores: ClipScore[]): LipSyncSummary {
  const sum = (k: keyof LipSyncScore | 'speechSec') => scores.reduce((s, c) => s + c[k], 0);
  const falseClosures = sum('pressRuns') - sum('pressRunsOnBilabial');
  const speechSec = sum('speechSec');
  return {
    group,
    clips: scores.length,
    closures: sum('closures'),
    closureRecall: sum('closures') ? sum('closuresHit') / sum('closures') : 1,
    falseClosures,
    falseClosuresPer10Sec: speechSec ? (10 * falseClosures) / speechSec : 0,
    falseClosuresInPauses: sum('falseRunsInPause'),
    falseClosureShare: sum('pressRuns') ? falseClosures / sum('pressRuns') : 0,
    openVowels: sum('openVowels'),
    openVowelsOpened: sum('openVowels') ? sum('openVowelsHit') / sum('openVowels') : 1,
    speechSec,
  };
}

/** The whole set, then by condition, voice family and language. */
export function summariseByGroup(scores: ClipScore[]): LipSyncSummary[] {
  const groups = new Map<string, ClipScore[]>();
  const add = (key: string, s: ClipScore) => groups.set(key, [...(groups.get(key) ?? []), s]);
  for (const s of scores) {
    add(`condition: ${s.item.condition.name}`, s);
    add(`voices: ${voiceFamily(s.item.variant)}`, s);
    add(`language: ${s.item.language}`, s);
    add(`rate: ${s.item.rateWpm} wpm`, s);
  }
  return [summariseScores('all', scores), ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => summariseScores(k, v))];
}

const pct = (v: number) => `${(100 * v).toFixed(0).padStart(3)} %`;

/** A fixed-width table of summaries for a terminal or a report. */
export function formatSummaryTable(rows: LipSyncSummary[]): string {
  const head = `${'group'.padEnd(36)} clips  b/p/m  closed  false (/10 s, share, in pauses)  open vowels opened`;
  const lines = rows.map(
    (r) =>
      `${r.group.padEnd(36)} ${String(r.clips).padStart(5)}  ${String(r.closures).padStart(5)}  ${pct(r.closureRecall)}  ${String(r.falseClosures).padStart(5)} (${r.falseClosuresPer10Sec.toFixed(2).padStart(5)}, ${pct(r.falseClosureShare)}, ${String(r.falseClosuresInPauses).padStart(3)})  ${pct(r.openVowelsOpened)} of ${r.openVowels}`,
  );
  return [head, ...lines].join('\n');
}
