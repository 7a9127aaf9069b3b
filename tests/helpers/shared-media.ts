/**
 * The test media: the bundled samples (always in the repository) and the wider corpus of real photos, recordings and
 * clips (`../shared/media` beside the checkout, or MOUTHPIECE_MEDIA), which is not in the repository. Every test finds
 * media here; a test that needs the corpus is declared with `describe.skipIf(!hasSharedMedia)`, so a plain clone
 * skips it and `npm run check` says so once (tests/helpers/report-missing-media.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SAMPLE_FILES } from '../../electron/engine/samples/sample-media.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SHARED_MEDIA_DIR = resolve(process.env.MOUTHPIECE_MEDIA ?? join(ROOT, '..', 'shared', 'media'));
export const hasSharedMedia = existsSync(SHARED_MEDIA_DIR);
/** A file of the shared corpus, e.g. `sharedMedia('images/group3_apollo11_crew_nasa.png')`. */
export const sharedMedia = (relative: string): string => join(SHARED_MEDIA_DIR, relative);

export const SAMPLES_DIR = join(ROOT, 'resources', 'samples');
/** The bundled sample portrait (Eileen Collins, NASA, public domain; the corpus's portrait as a JPEG). */
export const SAMPLE_FACE = join(SAMPLES_DIR, SAMPLE_FILES.face);
/** The bundled sample recording (LJ Speech LJ001-0001, its first 4.25 s) and its transcript. */
export const SAMPLE_VOICE = join(SAMPLES_DIR, SAMPLE_FILES.voice);
export const SAMPLE_VOICE_TRANSCRIPT = join(SAMPLES_DIR, SAMPLE_FILES.voiceTranscript);

/** The one line a run without the corpus prints. */
export function describeMissingMedia(): string {
  return (
    `Tests that need the shared media corpus were skipped: there is no ${SHARED_MEDIA_DIR}. ` +
    `Put the corpus there (../shared/media beside the checkout) or set MOUTHPIECE_MEDIA to its folder to run them.`
  );
}
