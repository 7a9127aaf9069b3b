import { z } from 'zod';
import { CAPTION_STYLES, type CaptionStyle } from '../engine/captions/caption-types';
import { OUTPUT_PRESET_NAMES } from '../engine/render/output-presets';

/**
 * A studio project as the renderer edits it and the library stores it: the stage (which face), the timeline (one track
 * per speaking subject), per-subject performance settings and export settings. Plain JSON; `projectDocumentSchema`
 * validates it wherever it crosses a boundary (IPC, bridge, reading an old file back).
 *
 * Times are seconds on the project timeline (`start`) or within a clip's source (`trimStart`, `trimEnd`).
 */

export const PROJECT_DOCUMENT_VERSION = 1;

/** Six hours: far beyond any real project, small enough to reject garbage. */
const MAX_SECONDS = 6 * 3600;
const MAX_SUBJECTS = 32;
/** A subject's name (kept on the library face): long enough for a full name, short enough for a badge on the stage. */
export const SUBJECT_NAME_MAX_CHARS = 40;

const seconds = z.number().finite().min(0).max(MAX_SECONDS);
const libraryId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const clipId = z.string().min(1).max(64);
/** Subject index: 0 = largest face in the picture, 1 = the next, … */
const subjectIndex = z.number().int().min(0).max(MAX_SUBJECTS - 1);

export const stageSchema = z.strictObject({
  /** Library face entry shown on the stage; null until the user picks one. */
  faceId: libraryId.nullable(),
  mediaKind: z.enum(['photo', 'video']).nullable(),
  /** A video face's length, so the timeline can run to the clip's end when the dub keeps it whole. */
  durationSec: seconds.positive().optional(),
});

/** A span of a recorded voice (library audio entry) placed on a track. Its length on the timeline is trimEnd − trimStart. */
export const audioClipSchema = z
  .strictObject({
    id: clipId,
    start: seconds,
    kind: z.literal('audio'),
    /** Library voice entry with a recording (not a built-in voice). */
    voiceId: libraryId,
    /** In-point within the recording. */
    trimStart: seconds,
    /** Out-point within the recording; greater than trimStart and at most `duration`. */
    trimEnd: seconds,
    /** Length of the whole recording. */
    duration: seconds.positive(),
  })
  .refine((clip) => clip.trimEnd > clip.trimStart, { message: 'trimEnd must be after trimStart', path: ['trimEnd'] })
  .refine((clip) => clip.trimEnd <= clip.duration + 1e-6, { message: 'trimEnd must not pass the end of the recording', path: ['trimEnd'] });

/** A line of text spoken by a built-in voice: either a library script (`scriptId`) or text typed on the timeline. */
export const scriptClipSchema = z
  .strictObject({
    id: clipId,
    start: seconds,
    kind: z.literal('script'),
    scriptId: libraryId.optional(),
    text: z.string().min(1).max(20_000).optional(),
    /** Built-in voice name, as `listVoices()` names it. */
    voice: z.string().min(1).max(100),
    /** Estimated spoken length, for the timeline until the line is synthesised. */
    duration: seconds.positive().optional(),
  })
  .refine((clip) => clip.scriptId !== undefined || clip.text !== undefined, { message: 'a script clip needs scriptId or text', path: ['text'] });

export const clipSchema = z.discriminatedUnion('kind', [audioClipSchema, scriptClipSchema]);

export const trackSchema = z.strictObject({
  subject: subjectIndex,
  clips: z.array(clipSchema).max(2000),
});

export const subjectSettingsSchema = z.strictObject({
  /** 0 = still, 1 = natural, 2 = animated. */
  expressiveness: z.number().finite().min(0).max(2),
  /** 0 = none, 1 = natural, 2 = lively. */
  headMotion: z.number().finite().min(0).max(2),
  /** Blinks per minute (people blink about 15–20 times a minute). */
  blinkRate: z.number().finite().min(0).max(60),
});

/** The built-in formats and caption looks are the engine's own lists; the studio only names them. */
export const exportPresets = OUTPUT_PRESET_NAMES;
export const captionStyles = CAPTION_STYLES;

export const footageSettingsSchema = z.strictObject({
  /** Keep the clip's whole length when the voice is shorter; otherwise the video ends with the voice. */
  keepClipLength: z.boolean(),
  /** Keep the clip's own sound, ducked under the new voice; otherwise the new voice replaces it. */
  keepOriginalAudio: z.boolean(),
});

export const exportSettingsSchema = z.strictObject({
  /** reel 1080×1920, square 1080×1080, landscape 1920×1080, source = the stage's own size. */
  preset: z.enum(exportPresets),
  captions: z.strictObject({ enabled: z.boolean(), style: z.enum(captionStyles) }),
  /** Draw a small visible "AI-generated" label on the video (the file always carries the disclosure tags). Off when absent. */
  label: z.boolean().optional(),
  /** A custom export preset of the library (`presets.list`); when set it decides size, frame rate and quality. */
  customPresetId: libraryId.optional(),
  /** How a video face is dubbed; ignored for a photo. Absent: as if both were false. */
  footage: footageSettingsSchema.optional(),
});

export const projectDocumentSchema = z
  .strictObject({
    version: z.literal(PROJECT_DOCUMENT_VERSION),
    stage: stageSchema,
    tracks: z.array(trackSchema).max(MAX_SUBJECTS),
    /** Keyed by subject index as a string (JSON object keys). Subjects without an entry use DEFAULT_SUBJECT_SETTINGS. */
    subjects: z.record(z.string().regex(/^(0|[1-9]\d?)$/), subjectSettingsSchema),
    export: exportSettingsSchema,
    /** The subject the stage and inspector are focused on. */
    selectedSubject: subjectIndex,
  })
  .refine((doc) => new Set(doc.tracks.map((track) => track.subject)).size === doc.tracks.length, {
    message: 'each subject has at most one track',
    path: ['tracks'],
  })
  .refine((doc) => new Set(doc.tracks.flatMap((track) => track.clips.map((clip) => clip.id))).size === doc.tracks.reduce((n, t) => n + t.clips.length, 0), {
    message: 'clip ids must be unique',
    path: ['tracks'],
  });

export type StageSettings = z.infer<typeof stageSchema>;
export type AudioClip = z.infer<typeof audioClipSchema>;
export type ScriptClip = z.infer<typeof scriptClipSchema>;
export type Clip = z.infer<typeof clipSchema>;
export type Track = z.infer<typeof trackSchema>;
export type SubjectSettings = z.infer<typeof subjectSettingsSchema>;
export type ExportPreset = (typeof exportPresets)[number];
export type { CaptionStyle };
export type ExportSettings = z.infer<typeof exportSettingsSchema>;
export type FootageSettings = z.infer<typeof footageSettingsSchema>;
export type ProjectDocument = z.infer<typeof projectDocumentSchema>;

export const DEFAULT_SUBJECT_SETTINGS: SubjectSettings = { expressiveness: 1, headMotion: 1, blinkRate: 17 };

/** A new, empty project: no face, no tracks, reel export without captions. */
export function createEmptyProjectDocument(): ProjectDocument {
  return {
    version: PROJECT_DOCUMENT_VERSION,
    stage: { faceId: null, mediaKind: null },
    tracks: [],
    subjects: {},
    export: { preset: 'reel', captions: { enabled: false, style: 'clean' }, label: false },
    selectedSubject: 0,
  };
}

/** Where a clip ends on the timeline. Script clips without an estimate count as one second. */
export function clipEndSec(clip: Clip): number {
  return clip.start + clipLengthSec(clip);
}

/**
 * Where the project ends: its last clip, or a video face's own end when its dub keeps the clip's full length (the
 * export runs that long, so the timeline does too).
 */
export function projectEndSec(doc: ProjectDocument): number {
  const clipsEnd = doc.tracks.reduce((end, track) => track.clips.reduce((trackEnd, clip) => Math.max(trackEnd, clipEndSec(clip)), end), 0);
  const keepsClip = doc.stage.mediaKind === 'video' && doc.export.footage?.keepClipLength === true && clipsEnd > 0;
  return keepsClip ? Math.max(clipsEnd, doc.stage.durationSec ?? 0) : clipsEnd;
}

export function clipLengthSec(clip: Clip): number {
  return clip.kind === 'audio' ? clip.trimEnd - clip.trimStart : (clip.duration ?? 1);
}
