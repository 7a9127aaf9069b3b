import { CancelledError, EngineError } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { analyzeFaceMedia } from './analyze-face-media.js';
import { getFace, setFaceAnalysis } from './face-queries.js';
import type { ImportContext } from './import-file.js';
import type { FaceDetail } from './library-types.js';
import { createMissingEntryError } from './row-helpers.js';

/**
 * Analyses a stored face again (a `pending` video face once an analyser exists, a `failed` one, or after the analyser
 * improved). A failure other than cancellation is recorded in `analysisError` (status `failed`, unless an earlier
 * analysis had succeeded, whose subjects are kept), then thrown.
 */
export async function reanalyzeFace({ context, faceId, opts = {} }: { context: ImportContext; faceId: number; opts?: RunOptions }): Promise<FaceDetail> {
  const { db, libraryDir } = context;
  const face = getFace({ db, libraryDir, faceId });
  if (!face) throw createMissingEntryError({ kind: 'face', id: faceId });
  if (!(face.kind === 'image' ? context.analyzeImage : context.analyzeVideo)) {
    throw new EngineError('MODEL_MISSING', `Face analysis for ${face.kind === 'image' ? 'photos' : 'videos'} is not available in this session.`);
  }
  const record = db.transaction((outcome: Parameters<typeof setFaceAnalysis>[0]) => {
    // The face may have been deleted while it was being analysed; then there is nothing to record.
    if (getFace({ db, libraryDir, faceId }) === null) throw createMissingEntryError({ kind: 'face', id: faceId });
    setFaceAnalysis(outcome);
  });
  try {
    const outcome = await analyzeFaceMedia({
      mediaPath: face.mediaPath,
      sourcePath: null,
      displayName: face.name,
      faceKind: face.kind,
      analyzeImage: context.analyzeImage,
      analyzeVideo: context.analyzeVideo,
      opts,
    });
    record.immediate({ db, faceId, status: outcome.status, error: null, subjects: outcome.subjects, width: outcome.width, height: outcome.height });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    try {
      // A good earlier analysis is not thrown away by a failed retry: it stays `done`, with the error noted.
      const status = face.analysisStatus === 'done' ? 'done' : 'failed';
      record.immediate({ db, faceId, status, error: message, subjects: null, width: null, height: null });
    } catch {
      // Deleted meanwhile: the analysis error is still the one to report.
    }
    throw error;
  }
  const analysed = getFace({ db, libraryDir, faceId });
  if (!analysed) throw createMissingEntryError({ kind: 'face', id: faceId });
  return analysed;
}
