/**
 * Errors the engine raises on purpose. `InputError` means the user gave us something we cannot use
 * (the CLI exits 2 and prints the message); anything else is an internal failure (exit 1).
 */
export type InputErrorCode =
  | 'FILE_NOT_FOUND'
  | 'UNREADABLE_MEDIA'
  | 'NOT_AN_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'NO_FACE'
  | 'NO_SUCH_SUBJECT'
  | 'BAD_AUDIO'
  | 'BAD_ARGUMENT'
  /** The person in the picture has not been confirmed as agreeing to be animated. */
  | 'NO_CONSENT'
  | 'OUTPUT_EXISTS'
  /** The output path names one of the inputs (directly or through a link). */
  | 'OUTPUT_IS_INPUT'
  /** A setting outside the command line (e.g. MOUTHPIECE_FFMPEG) points at something unusable. */
  | 'BAD_SETTING'
  | 'UNWRITABLE_OUTPUT';

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

export type EngineErrorCode = 'FFMPEG_MISSING' | 'FFMPEG_FAILED' | 'MODEL_MISSING' | 'MODEL_CORRUPT' | 'DISK_FULL' | 'LIBRARY_ERROR' | 'JOBS_FAILED';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'The operation was cancelled.') {
    super(message);
  }
}

/** Throws `CancelledError` when the signal has fired; call between units of work. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}
