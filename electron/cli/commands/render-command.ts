import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../engine/errors.js';
import { OUTPUT_PRESET_NAMES, parseOutputPreset, type OutputPresetName } from '../../engine/render/output-presets.js';
import { renderTalkingVideo } from '../../engine/render/render-talking-video.js';
import { loadSceneFile, type Scene } from '../../engine/render/scene.js';
import { isSampleKeyword, SAMPLE_KEYWORD, type SampleMedia } from '../../engine/samples/index.js';
import { DEFAULT_FPS, DEFAULT_ORIGINAL_AUDIO_DB, DEFAULT_SEED, type ClipSource, type TalkingVideoRequest } from '../../engine/render/talking-video-request.js';
import { sweepStalePartials } from '../../engine/media/atomic-file.js';
import { assertOutputAllowed } from '../../engine/media/output-guard.js';
import { captionFilePaths } from '../../engine/render/caption-overlay.js';
import type { CommandContext } from '../command-context.js';
import { resolveCliConsent } from '../consent-sources.js';
import { defaultLibraryDir } from '../../engine/install-layout.js';

export const RENDER_USAGE = `mouthpiece render [--face <image|video>] (--audio <file> | --say "<text>") -o out.mp4 [options]
mouthpiece render --scene scene.json -o out.mp4 [options]

  Makes the face in a photo speak a recording or a typed script, or dubs footage of a person: the clip's
  own frames with the mouth re-synthesised to the new voice (H.264/AAC MP4).
  Without --face it renders the bundled sample face (a public-domain NASA portrait), so
  \`mouthpiece render --say "Hello!" -o hello.mp4\` works right after installing.

  --face FILE         photo, or video clip to dub (mp4, mov, mpg, webm, …);
                      "${SAMPLE_KEYWORD}" = the bundled public-domain sample face (the default)
  --audio FILE        voice recording to lip-sync (wav, mp3, ogg, m4a, or a video's sound);
                      "${SAMPLE_KEYWORD}" = the bundled public-domain sample recording (with its transcript)
  --text "…"          transcript of --audio (better timing)
  --say "…"           text spoken by the built-in voice instead of --audio
  --voice NAME        built-in voice for --say (default en-us)
  --subject N         which face speaks: the studio's "Subject N", 0 = largest (default 0); the others listen
  --preset NAME       ${OUTPUT_PRESET_NAMES.join(' | ')} (default reel: 1080×1920); source keeps a clip's own size
                      (up to 3840 px), a photo's within 360-3840 px a side
  --fps N             frames per second (default ${DEFAULT_FPS}; a clip's own rate when --face is a video)
  --mouth-from CLIP   (photo face) a few seconds of video of the same person talking to the camera: the teeth,
                      tongue and inside of the mouth are taken from it instead of being painted
  --keep-clip-length  (video face) keep the whole clip when the voice is shorter; by default the video ends
                      with the voice. A voice longer than the clip plays the footage on forward and back.
  --keep-original-audio  (video face) keep the clip's own sound under the new voice (18 dB lower, or
                      --original-audio-db DB); by default the new voice replaces it
  --seed N            seed of the invented motion: same seed, same video (default ${DEFAULT_SEED})
  --captions          burn in word-timed captions and write NAME.srt and NAME.vtt beside the video
  --caption-style S   clean (lower third) | reel (big, bold, current word highlighted); default reel
                      for the reel preset, clean otherwise
  --label             draw a small visible "AI-generated" label (the MP4 always carries disclosure tags)
  --keep-loudness     leave the soundtrack's level as it is (default: normalised to -14 LUFS, peaks ≤ -1 dBTP)
  --consent "…"       who agreed to be animated, and when (needed unless the library records the face's consent,
                      or the face is the bundled sample); it goes into the video's signed credentials
  --library DIR       the library whose consent records and signing identity are used (default: the app's own)
  --scene FILE        JSON scene: {face, preset?, fps?, seed?, tracks:[{subject, clips:[{start, audio|say, voice?, text?}]}]};
                      "face" and "audio" may be "${SAMPLE_KEYWORD}" too. In a reel or square of a wide picture
                      whose speakers would be small (or padded) in one crop, the framing follows whoever speaks
  -o, --out FILE      output .mp4 (written atomically: nothing is left on failure or Ctrl-C); an existing
                      file is refused unless --overwrite, and an input is never written over
  --overwrite         replace the output (and its captions files) if they exist
  --json              progress as JSON lines on stderr, the result as JSON on stdout`;

const OPTIONS = {
  face: { type: 'string' },
  audio: { type: 'string' },
  say: { type: 'string' },
  voice: { type: 'string' },
  text: { type: 'string' },
  subject: { type: 'string' },
  preset: { type: 'string' },
  fps: { type: 'string' },
  seed: { type: 'string' },
  scene: { type: 'string' },
  captions: { type: 'boolean' },
  'caption-style': { type: 'string' },
  label: { type: 'boolean' },
  'keep-loudness': { type: 'boolean' },
  consent: { type: 'string' },
  library: { type: 'string' },
  'keep-clip-length': { type: 'boolean' },
  'mouth-from': { type: 'string' },
  'keep-original-audio': { type: 'boolean' },
  'original-audio-db': { type: 'string' },
  out: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type RenderValues = ReturnType<typeof parseRenderArgs>['values'];

function parseRenderArgs(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: false, options: OPTIONS });
}

function bad(message: string): never {
  throw new InputError('BAD_ARGUMENT', `${message} Run \`mouthpiece render --help\`.`);
}

function parseNumber(value: string | undefined, name: string, check: (n: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) bad(`--${name} must be ${expected}, got "${value}".`);
  return n;
}

export interface RenderRequestSources {
  /** The bundled samples, loaded only when asked for (`sample`, or no --face). */
  samples: () => Promise<SampleMedia>;
  /** One line for the creator, e.g. that the sample face stands in for a missing --face. */
  notify: (message: string) => void;
}

/** The render request the options describe (a scene file's values, overridden by options given on the command line). */
export async function buildRenderRequest(values: RenderValues, sources: RenderRequestSources): Promise<TalkingVideoRequest> {
  if (!values.out) bad('an output file is needed: -o out.mp4.');
  const subject = parseNumber(values.subject, 'subject', (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0 (0 = largest face)');
  const fps = parseNumber(values.fps, 'fps', (n) => n >= 1 && n <= 120, 'between 1 and 120');
  const seed = parseNumber(values.seed, 'seed', Number.isInteger, 'a whole number');
  const preset: OutputPresetName | undefined = values.preset !== undefined ? parseOutputPreset(values.preset).name : undefined;
  if (values.audio !== undefined && values.say !== undefined) bad('give either --audio or --say, not both.');
  if (values.text !== undefined && values.audio === undefined) bad('--text is the transcript of --audio; --say is its own text.');
  if (values.voice !== undefined && values.say === undefined) bad('--voice applies to --say.');

  let scene: Scene | undefined;
  if (values.scene !== undefined) {
    if (values.audio !== undefined || values.say !== undefined || subject !== undefined) bad('--scene holds the clips and subjects; do not combine it with --audio, --say or --subject.');
    scene = await loadSceneFile(values.scene, { samples: await sources.samples().catch(() => undefined) });
  } else if (values.audio === undefined && values.say === undefined) {
    bad('nothing to say: give --audio <file> or --say "<text>".');
  }
  let facePath = values.face ?? scene?.facePath;
  if (facePath === undefined || isSampleKeyword(facePath)) {
    const samples = await sources.samples();
    if (facePath === undefined) sources.notify(`no --face given: rendering the bundled sample face (Eileen Collins, NASA portrait, public domain); add --face photo.jpg to use your own.`);
    facePath = samples.facePath;
  }
  const sampleVoice = isSampleKeyword(values.audio) ? await sources.samples() : undefined;
  const source: ClipSource | undefined =
    values.audio !== undefined
      ? { kind: 'audio', path: sampleVoice?.voicePath ?? values.audio, transcript: values.text ?? sampleVoice?.voiceTranscript }
      : values.say !== undefined
        ? { kind: 'say', text: values.say, voice: values.voice }
        : undefined;
  if (source?.kind === 'say' && source.text.trim() === '') bad('--say needs some text.');
  const captionStyle = values['caption-style'];
  if (captionStyle !== undefined && captionStyle !== 'clean' && captionStyle !== 'reel') bad(`--caption-style must be clean or reel, got "${captionStyle}".`);
  if (captionStyle !== undefined && !values.captions) bad('--caption-style needs --captions.');
  const finalPreset = preset ?? scene?.preset ?? 'reel';
  const duckDb = parseNumber(values['original-audio-db'], 'original-audio-db', (n) => n <= 0 && n >= -60, 'between -60 and 0 (dB)');
  if (duckDb !== undefined && !values['keep-original-audio']) bad('--original-audio-db needs --keep-original-audio.');
  const mouthFrom = values['mouth-from'];
  // checked before the voice is analysed, not after
  if (mouthFrom !== undefined && !existsSync(mouthFrom)) throw new InputError('FILE_NOT_FOUND', `--mouth-from ${mouthFrom}: no such file.`, mouthFrom);
  return {
    facePath,
    tracks: scene?.tracks ?? [{ subject: subject ?? 0, clips: [{ startSec: 0, source: source! }] }],
    styles: scene?.styles,
    preset: finalPreset,
    fps: fps ?? scene?.fps ?? DEFAULT_FPS,
    footage: {
      matchClipFps: fps === undefined && scene?.fps === undefined,
      keepClipLength: values['keep-clip-length'] ?? false,
      originalAudioDb: values['keep-original-audio'] ? (duckDb ?? DEFAULT_ORIGINAL_AUDIO_DB) : undefined,
    },
    mouthFrom,
    seed: seed ?? scene?.seed ?? DEFAULT_SEED,
    outPath: values.out,
    overwrite: values.overwrite ?? false,
    origin: scene?.path,
    export: {
      captions: values.captions ? { style: captionStyle ?? (finalPreset === 'reel' ? 'reel' : 'clean') } : undefined,
      label: values.label ?? false,
      loudnessLufs: values['keep-loudness'] ? null : undefined,
    },
  };
}

export async function runRenderCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values } = parseRenderArgs(argv);
  if (values.help) return ctx.out(RENDER_USAGE);
  const json = values.json ?? false;
  const notify = (message: string) => process.stderr.write(json ? `${JSON.stringify({ type: 'notice', message })}\n` : `mouthpiece: note: ${message}\n`);
  const request = await buildRenderRequest(values, { samples: ctx.samples, notify });
  guardRenderOutput(request, values.scene);
  await sweepStalePartials(request.outPath);
  const engine = await ctx.engine();
  const libraryDir = path.resolve(values.library ?? defaultLibraryDir());
  request.consent = await resolveCliConsent({ engine, libraryDir, facePath: request.facePath, statement: values.consent, statementSource: 'cli' });
  const progress = ctx.progress(json);
  const result = await renderTalkingVideo({ tools: engine.tools, pool: engine.pool, libraryDir }, request, { signal: ctx.signal, onProgress: progress.report, onNotice: notify });
  progress.done();
  const summary = {
    out: path.resolve(result.outPath),
    width: result.width,
    height: result.height,
    fps: result.fps,
    durationSec: Math.round(result.durationSec * 1000) / 1000,
    frames: result.frames,
    preset: result.preset,
    subjects: result.subjects,
    crop: result.crop,
    shots: result.shots,
    captions: result.captions ? { srt: result.captions.srtPath, vtt: result.captions.vttPath, words: result.captions.words.length } : undefined,
    loudness: result.loudness ? { inputLufs: result.loudness.input.integratedLufs, outputLufs: result.loudness.output.integratedLufs, truePeakDbtp: result.loudness.output.truePeakDbtp } : undefined,
    notices: result.notices,
    elapsedMs: result.elapsedMs,
  };
  if (json) return ctx.out(JSON.stringify(summary));
  const who = result.subjects.map((s) => `${s.index} (${s.speaking ? 'speaking' : 'listening'})`).join(', ');
  ctx.out(
    `${result.outPath}: ${result.width}×${result.height}, ${result.fps} fps, ${result.durationSec.toFixed(2)} s (${result.frames} frames), subjects ${who}; ` +
      (result.shots ? `framing follows the speaker in ${result.shots.length} shots (${result.shots.map((s) => `${s.subject} from ${s.startSec.toFixed(1)} s`).join(', ')}); ` : '') +
      `rendered in ${(result.elapsedMs / 1000).toFixed(1)} s (${((result.frames / result.elapsedMs) * 1000).toFixed(0)} frames/s)`,
  );
}

/** Refuses an output that is one of the inputs, or that exists (video or captions files) without --overwrite. */
function guardRenderOutput(request: TalkingVideoRequest, scenePath: string | undefined): void {
  const audio = request.tracks.flatMap((track) => track.clips.flatMap((clip) => (clip.source.kind === 'audio' ? [clip.source.path] : [])));
  const inputs = [request.facePath, scenePath, ...audio];
  const overwrite = request.overwrite ?? false;
  assertOutputAllowed({ outPath: request.outPath, inputs, overwrite });
  if (request.export?.captions) for (const file of Object.values(captionFilePaths(request.outPath))) assertOutputAllowed({ outPath: file, inputs, overwrite });
}
