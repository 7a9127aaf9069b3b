import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { MEDIA, median, type BenchSection } from './bench-support.js';

const CLIP_SEC = 120;
const RUNS = 3;
/** The CLI to time; MOUTHPIECE_CLI points at another build (e.g. main's) to compare. */
const CLI = process.env.MOUTHPIECE_CLI ?? resolve(import.meta.dirname, '..', '..', 'bin', 'mouthpiece.cjs');
/** Every language of the media folder (audio-only route), and the English clips with their transcripts. */
const ALL_CLIPS = ['es_fleurs_es_000.ogg', 'fr_fleurs_fr_002.ogg', 'en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav', 'zh_fleurs_1883.wav', 'en_noisy_fleurs_en_005_music5dB_pink15dB.wav'];
const ENGLISH_CLIPS = ['en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav', 'en_noisy_fleurs_en_005_music5dB_pink15dB.wav'];

/** The clips in turn, `times` times over (cut at `maxSec` when given), as one 16 kHz 16-bit WAV; returns its length. */
function concatenate(ffmpeg: string, files: string[], times: number, out: string, maxSec?: number): number {
  const list = Array.from({ length: times }, () => files).flat();
  const inputs = list.flatMap((f) => ['-i', join(MEDIA, 'audio', f)]);
  const parts = list.map((_, i) => `[${i}:a]aresample=16000,aformat=channel_layouts=mono[a${i}]`);
  const chain = list.map((_, i) => `[a${i}]`).join('');
  const filter = `${parts.join(';')};${chain}concat=n=${list.length}:v=0:a=1${maxSec ? `,atrim=0:${maxSec}` : ''}`;
  const result = spawnSync(ffmpeg, ['-v', 'error', '-y', ...inputs, '-filter_complex', filter, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', out]);
  if (result.status !== 0) throw new Error(`could not make the bench clip: ${result.stderr}`);
  return (statSync(out).size - 44) / 2 / 16000;
}

/** CPU seconds (user + system) used by this process's finished children; Linux only (0 elsewhere). */
function childrenCpuSec(): number {
  if (!existsSync('/proc/self/stat')) return 0;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks of 10 ms
}

/**
 * Wall and CPU time of the whole `mouthpiece visemes` process, start-up included (medians of RUNS). On a
 * shared machine wall time grows with the load; CPU time says what the work itself costs.
 */
function timeCli(args: string[]): { ms: number; cpuMs: number } {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [t0, c0] = [performance.now(), childrenCpuSec()];
    const result = spawnSync(process.execPath, [CLI, 'visemes', ...args, '--json'], { maxBuffer: 1 << 28 });
    times.push(performance.now() - t0);
    cpu.push((childrenCpuSec() - c0) * 1000);
    if (result.status !== 0) throw new Error(`mouthpiece visemes failed: ${result.stderr}`);
  }
  return { ms: median(times), cpuMs: median(cpu) };
}

const speed = (seconds: number, t: { ms: number; cpuMs: number }) =>
  `wall ${t.ms.toFixed(0)} ms ${(seconds / (t.ms / 1000)).toFixed(0)}× real time, CPU ${t.cpuMs.toFixed(0)} ms ${(seconds / (t.cpuMs / 1000)).toFixed(0)}×`;

/**
 * `npm run bench speech-cli`: the visemes command on a 2-minute clip as a user runs it (a new process, so
 * start-up, decoding and, with a transcript, the reference synthesis count). Goals: 150× real time from the
 * sound alone, 100× with a transcript.
 */
export const speechCliBench: BenchSection = {
  name: 'speech-cli',
  async run() {
    const { ffmpegPath } = await resolveFfmpegTools();
    const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-bench-speech-'));
    try {
      const mixed = join(dir, 'all-languages.wav');
      const mixedSec = concatenate(ffmpegPath, ALL_CLIPS, 2, mixed, CLIP_SEC);
      // The English clips repeated whole (about 2 minutes), with their transcripts in the same order.
      const english = join(dir, 'english.wav');
      const englishSec = concatenate(ffmpegPath, ENGLISH_CLIPS, 4, english);
      const texts = ENGLISH_CLIPS.map((f) => readFileSync(join(MEDIA, 'audio', f.replace(/\.\w+$/, '.txt')), 'utf8').trim());
      const transcriptFile = join(dir, 'english.txt');
      writeFileSync(transcriptFile, Array.from({ length: 4 }, () => texts.join(' ')).join(' '));

      console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times below grow with it)`);
      const audioOnly = timeCli([mixed]);
      console.log(`visemes CLI    ${mixedSec.toFixed(0)} s (6 clips, 4 languages), sound alone  ${speed(mixedSec, audioOnly)} (goal 150×), process start-up included`);
      const aligned = timeCli([english, '--text-file', transcriptFile]);
      console.log(`visemes CLI    ${englishSec.toFixed(0)} s (3 English clips ×4), with transcript  ${speed(englishSec, aligned)} (goal 100×), start-up and reference synthesis included`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
