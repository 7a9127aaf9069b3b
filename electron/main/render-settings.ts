import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { absolutePathSchema, farmMediaAddressSchema, farmUrlSchema, MAX_PARALLEL_RENDERS } from '../contract/schemas';
import { defaultBatchConcurrency } from '../engine/batch/default-concurrency.js';
import { writeFileAtomic } from '../engine/media/atomic-file.js';

/*
 * The render queue's settings, kept beside the library (`render-settings.json`) so they travel with it and both hosts
 * (the app and the bridge) read the same file. Only what the user changed is stored; the rest is decided per machine.
 */

const SETTINGS_FILE = 'render-settings.json';

const storedSettingsSchema = z.object({
  concurrency: z.number().int().min(1).max(MAX_PARALLEL_RENDERS).optional(),
  /** The render farm's Redis URL ("Render on farm"); it may hold the Redis password, so the page only sees it redacted. */
  farmUrl: farmUrlSchema.optional(),
  /** Where farm workers reach this computer's media server (HOST or HOST:PORT); unset: 127.0.0.1. */
  farmMediaAddress: farmMediaAddressSchema.optional(),
  /** A private certificate authority (PEM file) for a rediss:// farm, as the CLI's --farm-ca; unset: the system's. */
  farmCaPath: absolutePathSchema.optional(),
});
export type StoredRenderSettings = z.infer<typeof storedSettingsSchema>;

/** Renders at once that fit this machine: the engine's batch default (measured by `npm run bench batch`). */
export function defaultRenderConcurrency(parallelism = os.availableParallelism()): number {
  return Math.min(MAX_PARALLEL_RENDERS, defaultBatchConcurrency(parallelism));
}

/** The stored settings; a missing or unreadable file means "nothing changed" (it is only preferences). */
export async function readRenderSettings(libraryDir: string): Promise<StoredRenderSettings> {
  try {
    const parsed = storedSettingsSchema.safeParse(JSON.parse(await readFile(path.join(libraryDir, SETTINGS_FILE), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Changes the given settings and keeps the others; `undefined` removes a setting. */
export async function updateRenderSettings(libraryDir: string, change: Partial<StoredRenderSettings>): Promise<StoredRenderSettings> {
  const next = storedSettingsSchema.parse({ ...(await readRenderSettings(libraryDir)), ...change });
  await writeFileAtomic(path.join(libraryDir, SETTINGS_FILE), new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`));
  return next;
}
