/**
 * The quality report: renders the test photos with a real recording and a built-in-voice line
 * through the real CLI, measures every output video on its pixels and sound, and writes
 * quality-report/{report.json,report.md,sheets/*.png}.
 *
 *   npx tsx scripts/quality-report.ts [--quick | --all] [--preset source|square|…] [--images text] [--out dir]
 *
 * Default: every photo with the built-in line, and the portraits also with a recording (~6 s of JFK).
 * --quick: two portraits (one with each voice); --all: every photo with both voices. A real talking head
 * (the Obama clip) is measured the same way as a reference row.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCutAudioArgs, resolveFfmpegTools, runFfmpeg, type FfmpegTools } from '../electron/engine/media/index.js';
import { SessionPool } from '../electron/engine/models/session-pool.js';
import { assessVideo, type VideoQuality } from '../electron/engine/quality/assess-video.js';
import { writeContactSheet } from '../electron/engine/quality/contact-sheet.js';
import { checkQualityGoals, type GoalCheck } from '../electron/engine/quality/quality-goals.js';
import type { TimedPhoneme } from '../electron/engine/speech/speech-types.js';

const ROOT = resolve(import.meta.dirname, '..');
const MEDIA = resolve(process.env.MOUTHPIECE_MEDIA ?? join(ROOT, '..', 'shared', 'media'));
const REFERENCE_VIDEO = join(MEDIA, 'video', 'obama_weekly_address_challenges.mp4');
const RECORDING = join(MEDIA, 'audio', 'en_jfk_inaugural.wav');
const RECORDING_SEC = 6;
/** Bilabials in every word group, and open vowels (father, calm, pond, map, bought) to open for. */
export const TTS_LINE = 'Bob bought a big map, and my mom put the papers back by the pond. Father was calm.';

interface Voice {
  name: string;
  cliArgs: string[];
  phonemes?: TimedPhoneme[];
}

interface Row {
  image: string;
  voice: string;
  status: 'ok' | 'refused' | 'failed';
  reason?: string;
  renderSec?: number;
  measureSec?: number;
  quality?: VideoQuality;
  checks?: GoalCheck[];
  sheet?: string;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The last line a failed CLI run printed that is not a progress line: its one-line reason. */
function reasonOf(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{"type":"progress"'));
  return (lines.at(-1) ?? '(no message)').replace(/^mouthpiece: /, '');
}

async function prepareVoices(tools: FfmpegTools, dir: string): Promise<{ tts: Voice | string; recording: Voice }> {
  const ttsWav = join(dir, 'tts-line.wav');
  const said = await runCli(['say', TTS_LINE, '-o', ttsWav, '--json']);
  const tts: Voice | string =
    said.code === 0
      ? { name: 'tts-line', cliArgs: ['--say', TTS_LINE], phonemes: (JSON.parse(said.stdout) as { phonemes: TimedPhoneme[] }).phonemes }
      : `mouthpiece say failed (exit ${said.code}): ${reasonOf(said.stderr)}`;
  const clip = join(dir, `jfk-${RECORDING_SEC}s.wav`);
  await runFfmpeg({ tools, args: buildCutAudioArgs({ inputPath: RECORDING, startSec: 0, endSec: RECORDING_SEC, outPath: clip }) });
  return { tts, recording: { name: `jfk-${RECORDING_SEC}s`, cliArgs: ['--audio', clip] } };
}

type VoiceKind = 'tts' | 'recording';

function planRuns(options: { quick: boolean; all: boolean; images?: string }): { image: string; voices: VoiceKind[] }[] {
  let images = readdirSync(join(MEDIA, 'images'))
    .filter((f) => /\.(png|jpe?g|webp)$/i.test(f))
    .sort();
  if (options.images) images = images.filter((f) => f.includes(options.images as string));
  if (options.quick) {
    const portraits = images.filter((f) => f.startsWith('portrait_'));
    const quick: { image: string; voices: VoiceKind[] }[] = [
      { image: portraits[0], voices: ['tts'] },
      { image: portraits[1] ?? portraits[0], voices: ['recording'] },
    ];
    return quick.filter((r) => r.image);
  }
  return images.map((image) => ({ image, voices: options.all || image.startsWith('portrait_') ? ['tts', 'recording'] : ['tts'] }));
}

const fmt = (v: number | undefined, digits = 2) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));

function tableOf(rows: Row[]): string {
  const header = ['image', 'voice', 'status', 'frames', 'miss', 'lag', 'peak', 'b/p/m', 'open', 'SSIM', 'SSIM min', 'frozen s', 'blinks/min', 'yaw pk', 'pitch pk', 'render s', 'goals'];
  const lines = rows.map((r) => {
    const q = r.quality;
    const failed = r.checks?.filter((c) => c.passed === false).map((c) => c.name) ?? [];
    return [
      r.image,
      r.voice,
      r.status === 'ok' ? 'ok' : `${r.status}: ${r.reason}`,
      q ? String(q.frames) : '–',
      q ? String(q.facesMissing) : '–',
      q ? String(q.lipSync.peakLagFrames) : '–',
      fmt(q?.lipSync.peakCorrelation),
      q?.articulation ? `${fmt(q.articulation.closures.closedShare)} (${q.articulation.closures.count})` : '–',
      q?.articulation ? `${fmt(q.articulation.openVowels.openShare)} (${q.articulation.openVowels.count})` : '–',
      fmt(q?.identity?.meanSsim, 3),
      fmt(q?.identity?.minSsim, 3),
      q ? String(q.freezes.frozenSeconds) : '–',
      fmt(q?.blinks.perMinute, 1),
      fmt(q?.headMotion.yaw.peakShare),
      fmt(q?.headMotion.pitch.peakShare),
      fmt(r.renderSec, 1),
      r.checks ? (failed.length ? `missed: ${failed.join(', ')}` : 'all met') : '–',
    ];
  });
  const md = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return md.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      all: { type: 'boolean' },
      preset: { type: 'string', default: 'source' },
      images: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'quality-report') },
    },
  });
  const out = resolve(values.out as string);
  for (const sub of ['renders', 'sheets', 'voices']) mkdirSync(join(out, sub), { recursive: true });
  const tools = await resolveFfmpegTools();
  const pool = new SessionPool({ modelsDir: join(ROOT, 'native-models', 'generated'), manifestPath: join(ROOT, 'native-models', 'manifest.json') });
  const deps = { tools, pool };
  const started = Date.now();
  const rows: Row[] = [];

  const measure = async (row: Row, videoPath: string, sourceImagePath: string, phonemes?: TimedPhoneme[]) => {
    const t0 = Date.now();
    const { quality } = await assessVideo(deps, { videoPath, sourceImagePath, phonemes });
    row.measureSec = (Date.now() - t0) / 1000;
    row.quality = quality;
    row.checks = checkQualityGoals(quality);
    row.sheet = join('sheets', `${basename(videoPath, extname(videoPath))}.png`);
    await writeContactSheet(tools, videoPath, join(out, row.sheet));
  };

  const reference: Row = { image: basename(REFERENCE_VIDEO), voice: '(own sound: real talking head)', status: 'ok' };
  await measure(reference, REFERENCE_VIDEO, REFERENCE_VIDEO);
  rows.push(reference);
  console.error(`reference measured in ${fmt(reference.measureSec, 1)} s`);

  const voices = await prepareVoices(tools, join(out, 'voices'));
  for (const run of planRuns({ quick: !!values.quick, all: !!values.all, images: values.images })) {
    for (const which of run.voices) {
      const voice = which === 'tts' ? voices.tts : voices.recording;
      if (typeof voice === 'string') {
        rows.push({ image: run.image, voice: 'tts-line', status: 'failed', reason: voice });
        continue;
      }
      const row: Row = { image: run.image, voice: voice.name, status: 'ok' };
      rows.push(row);
      const face = join(MEDIA, 'images', run.image);
      const video = join(out, 'renders', `${basename(run.image, extname(run.image))}__${voice.name}.mp4`);
      const t0 = Date.now();
      const rendered = await runCli(['render', '--face', face, ...voice.cliArgs, '--preset', values.preset as string, '-o', video, '--json']);
      row.renderSec = (Date.now() - t0) / 1000;
      if (rendered.code !== 0) {
        row.status = rendered.code === 2 ? 'refused' : 'failed';
        row.reason = reasonOf(rendered.stderr);
        console.error(`${run.image} × ${voice.name}: ${row.status}: ${row.reason}`);
        continue;
      }
      try {
        await measure(row, video, face, voice.phonemes);
      } catch (error) {
        row.status = 'failed';
        row.reason = `measuring failed: ${(error as Error).message.split('\n')[0]}`;
      }
      console.error(`${run.image} × ${voice.name}: rendered in ${fmt(row.renderSec, 1)} s, measured in ${fmt(row.measureSec, 1)} s`);
    }
  }
  await pool.release();

  const table = tableOf(rows);
  const elapsedSec = (Date.now() - started) / 1000;
  writeFileSync(join(out, 'report.json'), JSON.stringify({ createdAt: new Date().toISOString(), preset: values.preset, ttsLine: TTS_LINE, elapsedSec, rows }, null, 2));
  writeFileSync(
    join(out, 'report.md'),
    `# Mouthpiece quality report\n\nPreset \`${values.preset}\`; built-in line: “${TTS_LINE}”; recording: ${RECORDING_SEC} s of ${basename(RECORDING)}. ` +
      `Made in ${elapsedSec.toFixed(0)} s. Contact sheets in \`sheets/\`.\n\n${table}\n`,
  );
  console.log(table);
  console.log(`\n${rows.length} rows in ${elapsedSec.toFixed(0)} s → ${join(out, 'report.md')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
