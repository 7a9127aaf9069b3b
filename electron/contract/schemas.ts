import { z } from 'zod';
import type { StudioMethod } from './channels';
import type { AppInfo, FaceAnalysisView, FaceSummary, ImportResponse, LibraryChangedEvent, LibraryListing, ProgressEvent } from './types';

/** Library ids are the library's positive integer row ids. Anything else is refused before it reaches SQL. */
export const libraryIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** POSIX `/…`, Windows `C:\…` or `C:/…`, UNC `\\server\share…`. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'must not contain NUL')
  .refine((value) => ABSOLUTE_PATH.test(value), 'must be an absolute path');

/** A request that takes no argument: the renderer calls it with nothing. */
const noPayload = z.undefined();

/**
 * The runtime schema of every request, keyed by method. `satisfies` makes a method without a schema (or a schema
 * without a method) a compile error.
 */
export const requestSchemas = {
  'app.getInfo': noPayload,
  'library.list': noPayload,
  'library.import': z.strictObject({
    paths: z.array(absolutePathSchema).min(1).max(1000),
  }),
  'library.importFromDialog': noPayload,
  'library.setConsent': z.strictObject({
    faceId: libraryIdSchema,
    consent: z.boolean(),
  }),
  'face.getAnalysis': z.strictObject({
    faceId: libraryIdSchema,
  }),
} satisfies Record<StudioMethod, z.ZodType>;

/** What each method answers with (inside `StudioResult`). Keyed like `requestSchemas`, checked the same way. */
export interface StudioResponses extends Record<StudioMethod, unknown> {
  'app.getInfo': AppInfo;
  'library.list': LibraryListing;
  'library.import': ImportResponse;
  /** Empty results when the user closed the dialog without choosing. */
  'library.importFromDialog': ImportResponse;
  'library.setConsent': FaceSummary;
  'face.getAnalysis': FaceAnalysisView;
}

/** Payload of each event, keyed by the short event name. */
export interface StudioEvents {
  progress: ProgressEvent;
  'library-changed': LibraryChangedEvent;
}
