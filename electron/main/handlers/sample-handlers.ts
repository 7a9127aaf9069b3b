import type { StudioHandlers } from '../../contract/studio-api';
import { hashFile } from '../../engine/library/media-store.js';
import { loadSampleMedia, type SampleMedia } from '../../engine/samples/index.js';
import { toImportFileResult } from '../library-views';
import { StudioFailure } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';

/** The bundled public-domain samples as the library sees them: by content, so a renamed entry is still the sample. */
export interface SampleCatalog {
  /** Content hashes of the sample face and voice; empty where the host has no samples folder. */
  hashes(): Promise<ReadonlySet<string>>;
  load(): Promise<SampleMedia>;
}

export function createSampleCatalog(samplesDir: string | undefined): SampleCatalog {
  let samples: Promise<SampleMedia> | undefined;
  let hashes: Promise<ReadonlySet<string>> | undefined;
  const load = () => {
    if (!samplesDir) return Promise.reject(new StudioFailure('UNSUPPORTED', 'This studio was started without the bundled samples.'));
    return (samples ??= loadSampleMedia(samplesDir));
  };
  return {
    load,
    hashes: () =>
      (hashes ??= load().then(
        async (s) => new Set([(await hashFile({ filePath: s.facePath })).sha256, (await hashFile({ filePath: s.voicePath })).sha256]),
        () => new Set<string>(),
      )),
  };
}

/**
 * "Try the sample face" and the sample voice: imports the bundled file (once; the library keeps one entry per content)
 * under a name that says what it is. The face is in the public domain, so it is recorded as cleared to animate: the
 * creator is not asked to tick consent for it.
 */
export function createSampleHandlers(deps: StudioHandlerDeps, catalog: SampleCatalog): Pick<StudioHandlers, 'library.importSample'> {
  return {
    'library.importSample': async ({ kind }) => {
      const samples = await catalog.load();
      const library = await deps.engine.library();
      const filePath = kind === 'face' ? samples.facePath : samples.voicePath;
      const outcome = await library.importFile({ filePath, name: kind === 'face' ? samples.faceName : samples.voiceName });
      if (outcome.kind === 'face' && !library.getFace({ faceId: outcome.face.id })?.consent) library.setConsent({ faceId: outcome.face.id, consent: true });
      deps.emit('library-changed', { reason: 'import' });
      return toImportFileResult(filePath, outcome);
    },
  };
}
