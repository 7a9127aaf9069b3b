/**
 * Where the CLI looks for a face's consent: the statement given, the bundled sample folder, and the library's consent
 * records (read only when that library already exists: a render does not create one just to ask it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EngineContext } from '../engine/engine-context.js';
import { resolveConsent } from '../engine/provenance/consent.js';
import type { ConsentAttestation } from '../engine/provenance/content-credentials.js';
import { findPackageRoot } from '../engine/install-layout.js';

export async function resolveCliConsent(input: {
  engine: Pick<EngineContext, 'openLibrary'>;
  libraryDir: string;
  facePath: string;
  statement?: string;
  statementSource: 'cli' | 'manifest';
  origin?: string;
}): Promise<ConsentAttestation | undefined> {
  const sampleDirs = [path.join(findPackageRoot(), 'resources', 'samples')];
  const libraryExists = existsSync(path.join(input.libraryDir, 'library.sqlite'));
  const libraryFaces = () => {
    if (!libraryExists) return [];
    const library = input.engine.openLibrary(input.libraryDir);
    try {
      return library.listFaces();
    } finally {
      library.close();
    }
  };
  return resolveConsent({ facePath: input.facePath, statement: input.statement, statementSource: input.statementSource, sampleDirs, libraryFaces, origin: input.origin });
}
