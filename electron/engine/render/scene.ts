/**
 * Scene files: a photo and one track of timed clips per speaking subject, as JSON.
 * `{face, preset?, fps?, seed?, tracks:[{subject, style?:{expressiveness?, headMotion?, blinkRate?},
 * clips:[{start, audio | say, voice?, text?, trimStart?, trimEnd?}]}]}`; relative paths are relative to the scene file,
 * `trimStart`/`trimEnd` are seconds within an audio file (play only that span). A face or audio of `"sample"` names the
 * bundled public-domain sample (with its transcript).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PerformanceStyle } from '../animate/performance-spec.js';
import { InputError } from '../errors.js';
import { isSampleKeyword, resolveMediaValue, type SampleMedia } from '../samples/index.js';
import { OUTPUT_PRESET_NAMES, type OutputPresetName } from './output-presets.js';
import type { ClipRequest, TrackRequest } from './talking-video-request.js';

const clipSchema = z
  .strictObject({
    start: z.number().min(0, 'must be 0 or more seconds').max(3600, 'must be within the first hour'),
    audio: z.string().min(1, 'must be a file path').optional(),
    say: z.string().trim().min(1, 'must be some text to speak').optional(),
    voice: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    trimStart: z.number().min(0, 'must be 0 or more seconds').optional(),
    trimEnd: z.number().positive('must be more than 0 seconds').optional(),
  })
  .superRefine((clip, ctx) => {
    if ((clip.audio === undefined) === (clip.say === undefined)) ctx.addIssue({ code: 'custom', message: 'needs exactly one of "audio" (a file) or "say" (text)' });
    if (clip.voice !== undefined && clip.say === undefined) ctx.addIssue({ code: 'custom', path: ['voice'], message: 'only applies to a "say" clip' });
    if (clip.text !== undefined && clip.audio === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'is the transcript of an "audio" clip; a "say" clip is its own text' });
    for (const field of ['trimStart', 'trimEnd'] as const) {
      if (clip[field] !== undefined && clip.audio === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'only applies to an "audio" clip' });
    }
    if (clip.trimStart !== undefined && clip.trimEnd !== undefined && clip.trimEnd <= clip.trimStart) ctx.addIssue({ code: 'custom', path: ['trimEnd'], message: 'must be after trimStart' });
  });

const sceneSchema = z.strictObject({
  face: z.string().min(1, 'must be the path of a photo or video'),
  preset: z.enum(OUTPUT_PRESET_NAMES, { message: `must be one of ${OUTPUT_PRESET_NAMES.join(', ')}` }).optional(),
  fps: z.number().min(1).max(120).optional(),
  seed: z.number().int('must be a whole number').optional(),
  tracks: z
    .array(
      z.strictObject({
        subject: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
        style: z
          .strictObject({
            expressiveness: z.number().min(0).max(2).optional(),
            headMotion: z.number().min(0).max(2).optional(),
            blinkRate: z.number().min(0).max(60).optional(),
          })
          .optional(),
        clips: z.array(clipSchema).min(1, 'needs at least one clip'),
      }),
    )
    .min(1, 'needs at least one track'),
});

export interface Scene {
  path: string;
  facePath: string;
  preset?: OutputPresetName;
  fps?: number;
  seed?: number;
  tracks: TrackRequest[];
  /** Each track's `style`, by subject. */
  styles: Partial<Record<number, PerformanceStyle>>;
}

/** Reads and checks a scene file; every problem is an InputError naming the file and the field. */
export async function loadSceneFile(scenePath: string, options: SceneOptions = {}): Promise<Scene> {
  let text: string;
  try {
    text = await readFile(scenePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('FILE_NOT_FOUND', `${scenePath}: scene file not found.`, scenePath);
    throw new InputError('BAD_ARGUMENT', `${scenePath}: cannot read the scene file (${code ?? String(error)}).`, scenePath);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError('BAD_ARGUMENT', `${scenePath}: not valid JSON (${(error as Error).message}).`, scenePath);
  }
  return parseScene(json, scenePath, options);
}

export interface SceneOptions {
  /** The bundled samples, which `"face": "sample"` and `"audio": "sample"` name. */
  samples?: SampleMedia;
}

export function parseScene(json: unknown, scenePath: string, { samples }: SceneOptions = {}): Scene {
  const parsed = sceneSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? formatPath(issue.path) : 'the scene';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? 's' : ''})` : '';
    throw new InputError('BAD_ARGUMENT', `${scenePath}: ${field} ${describeIssue(issue)}${more}.`, scenePath);
  }
  const scene = parsed.data;
  const base = path.dirname(path.resolve(scenePath));
  const resolve = (value: string, kind: 'face' | 'audio') => resolveMediaValue({ value, kind, baseDir: base, samples, origin: scenePath });
  const seen = new Map<number, number>();
  scene.tracks.forEach((track, i) => {
    const earlier = seen.get(track.subject);
    if (earlier !== undefined) throw new InputError('BAD_ARGUMENT', `${scenePath}: tracks[${i}] is for subject ${track.subject} like tracks[${earlier}]; put all of a subject's clips on one track.`, scenePath);
    seen.set(track.subject, i);
  });
  return {
    path: scenePath,
    facePath: resolve(scene.face, 'face'),
    preset: scene.preset,
    fps: scene.fps,
    seed: scene.seed,
    styles: Object.fromEntries(scene.tracks.flatMap((track) => (track.style ? [[track.subject, track.style]] : []))),
    tracks: scene.tracks.map((track) => ({
      subject: track.subject,
      clips: track.clips.map(
        (clip): ClipRequest => ({
          startSec: clip.start,
          source:
            clip.audio !== undefined
              ? { kind: 'audio', path: resolve(clip.audio, 'audio'), transcript: clip.text ?? sampleTranscriptOf(clip.audio, samples), ...trimOf(clip) }
              : { kind: 'say', text: clip.say ?? '', voice: clip.voice },
        }),
      ),
    })),
  };
}

function sampleTranscriptOf(value: string, samples: SampleMedia | undefined): string | undefined {
  return isSampleKeyword(value) ? samples?.voiceTranscript : undefined;
}

function trimOf(clip: { trimStart?: number; trimEnd?: number }): { trimStartSec?: number; trimEndSec?: number } {
  return { ...(clip.trimStart !== undefined ? { trimStartSec: clip.trimStart } : {}), ...(clip.trimEnd !== undefined ? { trimEndSec: clip.trimEnd } : {}) };
}

/**
 * Throws when clips of one track overlap, once their durations are known (a subject has one mouth).
 * `durationsSec[t][c]` is the length of clip c of track t.
 */
export function assertNoOverlappingClips(input: { tracks: TrackRequest[]; durationsSec: number[][]; origin: string }): void {
  input.tracks.forEach((track, t) => {
    const spans = track.clips
      .map((clip, c) => ({ c, start: clip.startSec, end: clip.startSec + input.durationsSec[t][c] }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      const [a, b] = [spans[i - 1], spans[i]];
      // A frame's worth of slack: clips placed end-to-end by hand round differently.
      if (b.start < a.end - 0.02) {
        throw new InputError(
          'BAD_ARGUMENT',
          `${input.origin}: on the track of subject ${track.subject}, clip ${b.c} starts at ${b.start.toFixed(2)} s while clip ${a.c} plays until ${a.end.toFixed(2)} s; clips of one subject must not overlap.`,
        );
      }
    }
  });
}

/** zod's generic wording, said the way a person fixing the file needs it. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) return /received undefined/.test(issue.message) ? 'is missing' : `must be a ${issue.expected}`;
  if (issue.code === 'unrecognized_keys') return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i > 0 ? '.' : ''}${String(s)}`)).join('');
}
