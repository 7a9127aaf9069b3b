import { truncate } from 'node:fs/promises';
import path from 'node:path';
import { verifyContentCredentials, type ConsentAttestation, type CredentialsInput } from '../provenance/content-credentials.js';
import { embedContentCredentials } from '../provenance/content-credentials.js';
import type { InstallationIdentity } from '../provenance/installation-identity.js';
import { listTopLevelBoxes, readCredentialsBox } from '../provenance/mp4-boxes.js';

/** The video a worker delivered cannot be signed as the coordinator's (no valid credentials of its worker). */
export class UnsignableVideoError extends Error {
  override readonly name = 'UnsignableVideoError';
}

/**
 * Re-signs a video a farm worker rendered as this installation's: the worker's credentials (signed with the worker's
 * own key, checked here: the claim must hold and bind these bytes) are replaced by the same claim signed with the
 * coordinator's key, its sources named as the coordinator's files (`sourceNames`, by SHA-256) instead of the worker's
 * cache. The frames already carry the coordinator's watermark: the worker drew them with its key.
 */
export async function signLandedVideo({ filePath, title, identity, sourceNames }: { filePath: string; title: string; identity: InstallationIdentity; sourceNames: ReadonlyMap<string, string> }): Promise<void> {
  const verdict = await verifyContentCredentials(filePath);
  if (verdict.status !== 'valid') throw new UnsignableVideoError(`the delivered video's credentials are ${verdict.status === 'missing' ? 'missing' : `not valid (${verdict.reason})`}`);
  const found = await readCredentialsBox(filePath);
  const boxes = await listTopLevelBoxes(filePath);
  const last = boxes[boxes.length - 1];
  if (!found || last.start !== found.box.start) throw new UnsignableVideoError("the delivered video's credentials are not its last box");
  await truncate(filePath, found.box.start);
  await embedContentCredentials(filePath, credentialsOf(verdict.claim, sourceNames), identity, { title });
}

interface WorkerClaim {
  claim_generator_info?: { version?: unknown }[];
  assertions?: { label: string; data: unknown }[];
}

function credentialsOf(claim: WorkerClaim, sourceNames: ReadonlyMap<string, string>): CredentialsInput {
  const assertion = (label: string) => claim.assertions?.find((a) => a.label === label)?.data;
  const synthesis = assertion('mouthpiece.synthesis') as { synthesis?: unknown; voice?: unknown } | undefined;
  const sources = (assertion('mouthpiece.sources') ?? []) as { role: 'face' | 'audio'; name: string; sha256: string }[];
  const consent = assertion('mouthpiece.consent') as Partial<ConsentAttestation> | undefined;
  const voice = synthesis?.voice;
  return {
    toolVersion: String(claim.claim_generator_info?.[0]?.version ?? 'unknown'),
    synthesis: synthesis?.synthesis === 'footage-dub' ? 'footage-dub' : 'photo-animation',
    voice: voice === 'recorded' || voice === 'synthesised' || voice === 'mixed' ? voice : undefined,
    sources: sources.map((s) => ({ role: s.role, sha256: s.sha256, path: sourceNames.get(s.sha256) ?? path.basename(s.name) })),
    consent: typeof consent?.statement === 'string' && consent.source ? { statement: consent.statement, source: consent.source } : undefined,
  };
}
