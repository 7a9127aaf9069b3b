import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * A coordinator's lasting identity on a farm, kept in its library so a batch resumed after a restart still matches
 * the jobs it queued: `farmId` names its jobs, `token` is what workers show its media server, `capabilityKey` signs
 * the per-job capabilities.
 */
export interface FarmIdentity {
  farmId: string;
  token: string;
  capabilityKey: string;
}

const identitySchema = z.object({ farmId: z.string().regex(/^[a-f0-9]{16}$/), token: z.string().min(32), capabilityKey: z.string().min(32) });

export async function loadFarmIdentity(libraryDir: string): Promise<FarmIdentity> {
  const file = path.join(libraryDir, 'farm', 'identity.json');
  try {
    const parsed = identitySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // no identity yet, or an unreadable one: make a new one below
  }
  const identity: FarmIdentity = { farmId: randomBytes(8).toString('hex'), token: randomBytes(32).toString('base64url'), capabilityKey: randomBytes(32).toString('base64url') };
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.part`;
  await writeFile(partial, JSON.stringify(identity), { mode: 0o600 });
  await rename(partial, file);
  return identity;
}

/** The capability that lets the holder of one job fetch that job's media and send its outputs, and nothing else. */
export function signJobCapability(capabilityKey: string, jobId: string): string {
  return createHmac('sha256', capabilityKey).update(jobId).digest('base64url');
}

export function equalSecrets(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
