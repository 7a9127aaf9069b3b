import type { StudioError, StudioErrorCode } from '../contract/types';
import { CancelledError, EngineError, InputError } from '../engine/errors';
import { RenderQueueError } from '../engine/jobs/render-queue.js';

/** An error main raises on purpose, with the contract code the renderer will see. */
export class StudioFailure extends Error {
  override readonly name = 'StudioFailure';
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Turns anything a handler threw into the `{ code, message }` that crosses the boundary. */
export function toStudioError(error: unknown): StudioError {
  if (error instanceof StudioFailure) return { code: error.code, message: error.message };
  if (error instanceof RenderQueueError) return { code: error.code, message: error.message };
  if (error instanceof CancelledError) return { code: 'CANCELLED', message: error.message };
  if (error instanceof InputError && error.code === 'NO_CONSENT') return { code: 'NO_CONSENT', message: error.message };
  if (error instanceof InputError) return { code: error.code === 'BAD_ARGUMENT' && /does not exist|no (face|voice|script|project|render) with id/i.test(error.message) ? 'NOT_FOUND' : 'BAD_INPUT', message: error.message };
  if (error instanceof EngineError) return { code: 'ENGINE_ERROR', message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong inside Mouthpiece: ${detail}` };
}
