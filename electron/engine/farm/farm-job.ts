import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isBatchItemSpec, renderJobSpecSchema, type RenderJobSpec } from '../jobs/render-job.js';

/** What travels in a BullMQ job; bumped when its shape changes. */
export const FARM_PROTOCOL = 2;

/** The files a render leaves: the video, and with captions on, its SRT and WebVTT files. */
export const OUTPUT_KINDS = ['video', 'srt', 'vtt'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

const sha256Hex = z.string().regex(/^[a-f0-9]{64}$/);
export const mediaRefSchema = z.object({ sha256: sha256Hex, sizeBytes: z.number().int().min(0), ext: z.string().regex(/^(\.[a-z0-9]{1,8})?$/) });
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const farmJobDataSchema = z.object({
  protocol: z.literal(FARM_PROTOCOL),
  /** The coordinator's Mouthpiece version: a worker of another version refuses the job. */
  version: z.string().min(1).max(64),
  farmId: z.string().regex(/^[a-f0-9]{16}$/),
  /** The coordinator's run that waits for this job: its media server is found under `coordinatorKey(farmId, session)`. */
  session: z.string().regex(/^[a-f0-9]{16}$/),
  renderId: z.number().int().min(0),
  /** Lets the job's holder fetch this job's inputs and send its outputs (see farm-identity.ts). */
  capability: z.string().min(16).max(200),
  /** The render, its media paths replaced by `media:<sha256><ext>` references to `inputs`. */
  spec: renderJobSpecSchema,
  inputs: z.array(mediaRefSchema).max(1000),
});
export type FarmJobData = z.infer<typeof farmJobDataSchema>;

/** What a worker returns when a job is done: the outputs it delivered. */
export interface FarmJobResult {
  outputs: { kind: OutputKind; sha256: string; sizeBytes: number }[];
}

const REF_PREFIX = 'media:';

export function toMediaReference(ref: MediaRef): string {
  return `${REF_PREFIX}${ref.sha256}${ref.ext}`;
}

/** The SHA-256 a `media:` reference names, or null for anything else. */
export function readMediaReference(value: string): string | null {
  const match = /^media:([a-f0-9]{64})(\.[a-z0-9]{1,8})?$/.exec(value);
  return match ? match[1] : null;
}

/** The spec with every input media path passed through `map` (the face, its mouth clip, and audio files); the output path is left. */
export function mapSpecMedia<T extends RenderJobSpec>(spec: T, map: (filePath: string) => string): T {
  const mouth = spec.mouthFrom ? { mouthFrom: map(spec.mouthFrom) } : {};
  if (isBatchItemSpec(spec)) {
    const source = spec.source.kind === 'audio' ? { ...spec.source, path: map(spec.source.path) } : spec.source;
    return { ...spec, face: { ...spec.face, path: map(spec.face.path) }, source, ...mouth } as T;
  }
  return {
    ...spec,
    ...mouth,
    face: { ...spec.face, path: map(spec.face.path) },
    tracks: spec.tracks.map((track) => ({ ...track, clips: track.clips.map((clip) => (clip.kind === 'audio' ? { ...clip, path: map(clip.path) } : clip)) })),
  } as T;
}

/** Every input media path of a spec. */
export function listSpecMedia(spec: RenderJobSpec): string[] {
  const paths: string[] = [];
  mapSpecMedia(spec, (filePath) => {
    paths.push(filePath);
    return filePath;
  });
  return [...new Set(paths)];
}

/**
 * One render's job id: the same render with the same inputs is the same job, so re-running a stopped batch finds the
 * job it queued before instead of adding a second one.
 */
export function farmJobId({ farmId, renderId, spec }: { farmId: string; renderId: number; spec: RenderJobSpec }): string {
  const digest = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
  return `${farmId}-${renderId}-${digest}`;
}

/**
 * Where one coordinator run's media server and token are kept in Redis: per farm id (library) and per run, so two
 * batches of one library running at once each send their workers to their own media server.
 */
export function coordinatorKey(farmId: string, session: string): string {
  return `mouthpiece:farm:${farmId}:coordinator:${session}`;
}
