import { InputError } from '../errors.js';
import type { FaceSubject } from '../face/face-types.js';
import type { RunOptions } from '../progress.js';
import type { AnalysisStatus, AnalyzeImage, FaceKind, ImportNotice } from './library-types.js';

/** What the library records about one analysis of a face's media. */
export interface FaceAnalysisOutcome {
  status: AnalysisStatus;
  subjects: FaceSubject[];
  width: number | null;
  height: number | null;
  notice: ImportNotice | null;
}

export interface AnalyzeFaceMediaInput {
  mediaPath: string;
  /** The file the user gave us (for messages and `InputError.file`); null when re-analysing a stored face. */
  sourcePath: string | null;
  /** The name the user knows the file by, for messages. */
  displayName: string;
  faceKind: FaceKind;
  analyzeImage?: AnalyzeImage;
  analyzeVideo?: AnalyzeImage;
  opts: RunOptions;
}

export function createNoFaceNotice(displayName: string): ImportNotice {
  return {
    code: 'NO_FACE',
    message:
      `No face was found in ${displayName}. It is kept in the library but cannot be animated; ` +
      'a picture where the face is larger, sharper and turned towards the camera works best.',
  };
}

/**
 * Runs the injected analyser on a stored file. A picture without a face is an outcome (`no_face`), not an error;
 * any other failure (bad file, cancellation, internal error) is thrown for the caller to undo the import.
 */
export async function analyzeFaceMedia({ mediaPath, sourcePath, displayName, faceKind, analyzeImage, analyzeVideo, opts }: AnalyzeFaceMediaInput): Promise<FaceAnalysisOutcome> {
  const analyze = faceKind === 'image' ? analyzeImage : analyzeVideo;
  if (!analyze) {
    return {
      status: 'pending',
      subjects: [],
      width: null,
      height: null,
      notice: { code: 'ANALYSIS_PENDING', message: `${displayName} was added; its faces will be found once face analysis is available.` },
    };
  }
  try {
    const analysis = await analyze(mediaPath, opts);
    if (analysis.subjects.length === 0) {
      return { status: 'no_face', subjects: [], width: analysis.width, height: analysis.height, notice: createNoFaceNotice(displayName) };
    }
    return { status: 'done', subjects: analysis.subjects, width: analysis.width, height: analysis.height, notice: null };
  } catch (error) {
    if (error instanceof InputError && error.code === 'NO_FACE') {
      return { status: 'no_face', subjects: [], width: null, height: null, notice: createNoFaceNotice(displayName) };
    }
    // The analyser saw the stored copy; name the file the user gave us instead of a hash.
    if (error instanceof InputError) {
      throw new InputError(error.code, error.message.replaceAll(mediaPath, displayName), error.file === mediaPath ? (sourcePath ?? mediaPath) : error.file);
    }
    throw error;
  }
}

