import { checkToolSettings } from '../command-context.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../engine/errors.js';
import { isSampleKeyword, SAMPLE_KEYWORD } from '../../engine/samples/index.js';
import { writeFileAtomic } from '../../engine/media/atomic-file.js';
import { resolveFfmpegTools } from '../../engine/media/ffmpeg-tools.js';
import {
  analyzeSpeech,
  ARTICULATION_CHANNELS,
  decodeAudioWith,
  formatRhubarbJson,
  formatRhubarbTsv,
  toRhubarbCues,
  type SpeechAnalysis,
} from '../../engine/speech/index.js';
import { assertOutputAllowed } from '../../engine/media/output-guard.js';
import type { CommandContext } from '../command-context.js';
import { readTextFile } from '../read-text-file.js';

export const VISEMES_USAGE = `mouthpiece visemes <audio> [--text "<transcript>" | --text-file f] [--language en-us] [--fps 30] [--json] [--rhubarb out.tsv|out.json]

  Finds what the mouth does in a recording: phonemes, visemes and articulation curves per video frame.
  With a transcript the phonemes are aligned to it; without one they are estimated from the sound alone
  (any language, singing too). "${SAMPLE_KEYWORD}" is the bundled sample recording, aligned to its transcript.

  --text T           transcript of the recording
  --text-file FILE   read the transcript from a UTF-8 file
  --language L       language of the transcript (eSpeak code: en-us, en-gb, es, fr, de, cmn, …; default en-us)
  --fps N            frame rate of the curves (default 30)
  --json             print {"durationSec","source","confidence","phonemes","visemes","vad","curves"} on stdout
  --rhubarb FILE     also write Rhubarb Lip Sync mouth cues (A–H, X): .tsv or .json by the file's extension
                     (an existing file is refused unless --overwrite; an input is never written over)
  --overwrite        replace the --rhubarb file if it exists`;

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export async function runVisemesCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      text: { type: 'string' },
      'text-file': { type: 'string' },
      language: { type: 'string' },
      fps: { type: 'string' },
      json: { type: 'boolean' },
      rhubarb: { type: 'string' },
      overwrite: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return ctx.out(VISEMES_USAGE);
  if (positionals.length !== 1) throw new InputError('BAD_ARGUMENT', `visemes takes exactly one audio file (got ${positionals.length}). Run \`mouthpiece visemes --help\`.`);
  const fps = values.fps === undefined ? 30 : Number(values.fps);
  if (!(Number.isFinite(fps) && fps > 0 && fps <= 240)) throw new InputError('BAD_ARGUMENT', `--fps must be a number between 0 and 240, got "${values.fps}".`);
  const rhubarbFormat = values.rhubarb === undefined ? undefined : rhubarbFormatOf(values.rhubarb);
  const sample = isSampleKeyword(positionals[0]) ? await ctx.samples() : undefined;
  const transcript = (await readTranscript(values.text, values['text-file'])) ?? sample?.voiceTranscript;

  const file = sample?.voicePath ?? positionals[0];
  if (values.rhubarb !== undefined) assertOutputAllowed({ outPath: values.rhubarb, inputs: [file, values['text-file']], overwrite: values.overwrite ?? false });
  // Speech needs ffmpeg to decode only: no engine (face models, encode check) to start.
  await checkToolSettings(process.env);
  // Found only if the file needs decoding: a 16 kHz mono WAV is read without ffmpeg (analysis never needs it).
  const tools = () => resolveFfmpegTools({ decodeOnly: true });
  const progress = ctx.progress(values.json ?? false);
  const started = performance.now();
  const audio = await decodeAudioWith(tools, file, { signal: ctx.signal });
  const analysis = await analyzeSpeech({ audio, transcript, language: values.language, fps }, { signal: ctx.signal, onProgress: progress.report });
  progress.done();
  const elapsedMs = performance.now() - started;

  if (values.rhubarb && rhubarbFormat) {
    const cues = toRhubarbCues(analysis.visemes, audio.durationSec);
    const text = rhubarbFormat === 'json' ? formatRhubarbJson(cues, { soundFile: path.resolve(file), durationSec: audio.durationSec }) : formatRhubarbTsv(cues);
    await writeFileAtomic(values.rhubarb, new TextEncoder().encode(text), { overwrite: values.overwrite ?? false });
  }
  if (values.json) {
    ctx.out(JSON.stringify(analysisToJson(file, audio.durationSec, analysis)));
    return;
  }
  printSummary(ctx, file, audio.durationSec, analysis, elapsedMs);
  if (values.rhubarb) ctx.out(`Rhubarb mouth cues written to ${values.rhubarb}`);
}

export function analysisToJson(file: string, durationSec: number, a: SpeechAnalysis) {
  return {
    file: path.resolve(file),
    durationSec: r3(durationSec),
    source: a.timeline.source,
    confidence: r3(a.timeline.confidence),
    phonemes: a.timeline.phonemes.map((p) => ({ start: r3(p.start), end: r3(p.end), phoneme: p.phoneme })),
    words: a.timeline.words.map((w) => ({ start: r3(w.start), end: r3(w.end), text: w.text, ...(w.confidence !== undefined ? { confidence: r3(w.confidence) } : {}) })),
    visemes: a.visemes.map((v) => ({ start: r3(v.start), end: r3(v.end), viseme: v.viseme })),
    vad: a.vad.map((s) => ({ start: r3(s.start), end: r3(s.end) })),
    curves: {
      fps: a.curves.fps,
      frameCount: a.curves.frameCount,
      ...Object.fromEntries(ARTICULATION_CHANNELS.map((ch) => [ch, a.curves[ch].map(r3)])),
      loudness: a.loudness.map(r3),
    },
  };
}

function printSummary(ctx: CommandContext, file: string, durationSec: number, a: SpeechAnalysis, elapsedMs: number): void {
  const counts = new Map<string, number>();
  for (const v of a.visemes) counts.set(v.viseme, (counts.get(v.viseme) ?? 0) + 1);
  const closedFrames = a.curves.lipPress.filter((v) => v >= 0.8).length;
  const openFrames = a.curves.jawOpen.filter((v) => v >= 0.4).length;
  const speechSec = a.vad.reduce((s, v) => s + v.end - v.start, 0);
  ctx.out(
    `${file}: ${durationSec.toFixed(2)} s (${speechSec.toFixed(1)} s speech), ${a.timeline.source} (confidence ${a.timeline.confidence.toFixed(2)}), ` +
      `${a.timeline.phonemes.length} phonemes, ${a.visemes.length} visemes (${Math.round(elapsedMs)} ms)`,
  );
  ctx.out(`  visemes: ${[...counts].sort((x, y) => y[1] - x[1]).map(([v, n]) => `${v} ${n}`).join(', ')}`);
  ctx.out(`  ${a.curves.frameCount} frames at ${a.curves.fps} fps: lips closed in ${closedFrames}, jaw open in ${openFrames}`);
}

function rhubarbFormatOf(file: string): 'tsv' | 'json' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.tsv' || ext === '.txt') return 'tsv';
  throw new InputError('BAD_ARGUMENT', `${file}: --rhubarb writes .tsv or .json; give the file one of those extensions.`);
}

async function readTranscript(text: string | undefined, textFile: string | undefined): Promise<string | undefined> {
  if (text !== undefined && textFile !== undefined) throw new InputError('BAD_ARGUMENT', 'Give the transcript either with --text or with --text-file, not both.');
  if (textFile !== undefined) text = await readTextFile(textFile);
  if (text !== undefined && text.trim() === '') throw new InputError('BAD_ARGUMENT', `The transcript${textFile ? ` in ${textFile}` : ''} is empty.`);
  return text;
}
