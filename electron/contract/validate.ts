import type { z } from 'zod';
import { methodOfChannel, type StudioMethod } from './channels';
import { requestSchemas } from './schemas';
import type { ValidatedRequest } from './studio-api';
import type { StudioError } from './types';

export type RequestValidation =
  | { [M in StudioMethod]: { ok: true; method: M; request: ValidatedRequest<M> } }[StudioMethod]
  | { ok: false; error: StudioError };

const MAX_MESSAGE_CHARS = 400;

/**
 * Checks one incoming message against the contract: the channel must be a known `studio:` channel and the payload
 * must match that method's schema exactly (unknown keys are refused). The error message names the offending fields
 * but never echoes their values.
 */
export function validateRequest(channel: unknown, payload: unknown): RequestValidation {
  const method = methodOfChannel(channel);
  if (!method) {
    const shown = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : typeof channel;
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${shown}.` } };
  }
  const parsed = requestSchemas[method].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_REQUEST', message: describeIssues(method, parsed.error.issues) } };
  }
  return { ok: true, method, request: parsed.data } as RequestValidation;
}

function describeIssues(method: StudioMethod, issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`);
  const message = `Invalid ${method} request (${parts.join('; ')}).`;
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message;
}
