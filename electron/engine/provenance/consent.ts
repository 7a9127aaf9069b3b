/**
 * Consent on every path: a render of a face needs an attestation that the person agreed — a statement given with the
 * render (`--consent`, a manifest's `consent` column), or the library's consent record for that picture (matched by
 * its SHA-256). The bundled public-domain sample needs none. The attestation found goes into the signed credentials.
 */
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { hashFile } from '../library/media-store.js';
import type { ConsentAttestation } from './content-credentials.js';

/** Longest statement kept; it is a sentence ("who agreed, when, how"), not a contract. */
const MAX_STATEMENT_CHARS = 2000;

export interface ResolveConsentInput {
  facePath: string;
  /** A statement given with this render, and where it was given. */
  statement?: string;
  statementSource?: 'cli' | 'manifest';
  /** Folders whose pictures are exempt: the bundled public-domain sample(s). */
  sampleDirs?: string[];
  /** The library's faces (consent and SHA-256 of the stored picture), when a library is at hand. */
  libraryFaces?: () => { mediaSha256: string; consent: boolean; consentAt: string | null }[];
  /** Where the render came from, for the message ("batch.csv row 3"). */
  origin?: string;
}

/**
 * The attestation for the face, or an InputError NO_CONSENT saying how to give one. Undefined for a face file that does
 * not exist: the render reports that in its own words.
 */
export async function resolveConsent(input: ResolveConsentInput): Promise<ConsentAttestation | undefined> {
  if (!existsSync(input.facePath)) return undefined;
  const statement = input.statement?.trim();
  if (statement) {
    if (statement.length > MAX_STATEMENT_CHARS) throw new InputError('BAD_ARGUMENT', `${input.origin ?? input.facePath}: the consent statement is longer than ${MAX_STATEMENT_CHARS} characters.`);
    return { statement, source: input.statementSource ?? 'cli' };
  }
  if (await isInsideAny(input.facePath, input.sampleDirs ?? [])) {
    return { statement: 'Bundled public-domain sample picture; no consent needed.', source: 'sample' };
  }
  const faces = input.libraryFaces?.() ?? [];
  const consenting = faces.filter((f) => f.consent);
  if (consenting.length > 0) {
    const { sha256 } = await hashFile({ filePath: input.facePath });
    const record = consenting.find((f) => f.mediaSha256 === sha256);
    if (record) return { statement: `Consent confirmed in the Mouthpiece library${record.consentAt ? ` on ${record.consentAt}` : ''}.`, source: 'library' };
  }
  const how = input.statementSource === 'manifest' ? 'fill the "consent" column (who agreed, and when)' : 'pass --consent "<who agreed, and when>"';
  throw new InputError('NO_CONSENT', `${input.origin ? `${input.origin}: ` : ''}${input.facePath}: no consent is recorded for the person in this picture; ${how} or confirm consent in the library.`, input.facePath);
}

async function isInsideAny(filePath: string, dirs: string[]): Promise<boolean> {
  if (dirs.length === 0) return false;
  const real = await realpath(filePath).catch(() => null);
  if (!real) return false;
  for (const dir of dirs) {
    const realDir = await realpath(dir).catch(() => null);
    if (realDir && !path.relative(realDir, real).startsWith('..') && !path.isAbsolute(path.relative(realDir, real))) return true;
  }
  return false;
}
