import type { StudioHandlers } from '../contract/studio-api';
import type { StudioResult } from '../contract/types';
import { validateRequest } from '../contract/validate';
import { toStudioError } from './studio-errors';

/**
 * Checks one request against the contract and only then calls its handler, for the IPC adapter and the browser
 * bridge alike. Every outcome is a `StudioResult`; a handler's failure is passed to `onFailure` (for the log) first.
 */
export async function dispatchStudioRequest(
  handlers: StudioHandlers,
  channel: unknown,
  payload: unknown,
  onFailure: (method: string, error: unknown) => void,
): Promise<StudioResult<unknown>> {
  const validated = validateRequest(channel, payload);
  if (!validated.ok) return validated;
  try {
    const handler = handlers[validated.method] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(validated.request) };
  } catch (error) {
    onFailure(validated.method, error);
    return { ok: false, error: toStudioError(error) };
  }
}
