import type { z } from 'zod';
import type { StudioEventName, StudioMethod } from './channels';
import type { StudioEvents, StudioResponses, requestSchemas } from './schemas';
import type { ImportResponse, StudioResult, VideoVerdictView } from './types';

/** What the renderer passes for a method (before validation). */
export type StudioRequest<M extends StudioMethod> = z.input<(typeof requestSchemas)[M]>;
/** What a main-process handler receives for a method (after validation). */
export type ValidatedRequest<M extends StudioMethod> = z.output<(typeof requestSchemas)[M]>;
export type StudioResponse<M extends StudioMethod> = StudioResponses[M];
export type StudioEventPayload<E extends StudioEventName> = StudioEvents[E];

type NamespaceOf<M extends string> = M extends `${infer N}.${string}` ? N : never;

/** A method without a payload is called with no argument. */
type StudioCall<M extends StudioMethod> = [StudioRequest<M>] extends [undefined]
  ? () => Promise<StudioResult<StudioResponse<M>>>
  : (request: StudioRequest<M>) => Promise<StudioResult<StudioResponse<M>>>;

type StudioNamespaces = {
  [N in NamespaceOf<StudioMethod>]: {
    [M in StudioMethod as M extends `${N}.${infer Verb}` ? Verb : never]: StudioCall<M>;
  };
};

/**
 * `window.studio`, derived from the contract so the renderer's view cannot drift from what main serves:
 * `studio.library.list()`, `studio.on('progress', listener)`, …
 */
export type StudioApi = StudioNamespaces & {
  /** Subscribes to a main-process event; returns the function that unsubscribes. */
  on<E extends StudioEventName>(event: E, listener: (payload: StudioEventPayload<E>) => void): () => void;
  /**
   * The absolute path of a file the user dropped or picked in the page (Electron no longer exposes `File.path`).
   * Empty string for files that do not come from disk.
   */
  getPathForFile(file: File): string;
  /**
   * Imports files the user dropped on the page. In the app each file's path goes to `library.import`; in a browser
   * (the bridge) the bytes are uploaded, since a page cannot know paths. Use this for drag-and-drop.
   */
  importFiles(files: readonly File[]): Promise<StudioResult<ImportResponse>>;
  /**
   * Checks a video the user dropped or picked for Mouthpiece's disclosure (`video.verify`): in the app by its path,
   * in a browser by uploading its bytes (the bridge verifies the upload and removes it).
   */
  verifyFile(file: File): Promise<StudioResult<VideoVerdictView>>;
};

/** The main-process side: one async function per method, over the validated request. Errors are thrown, not returned. */
export type StudioHandlers = {
  [M in StudioMethod]: (request: ValidatedRequest<M>) => Promise<StudioResponse<M>>;
};
