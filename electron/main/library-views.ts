import type { FaceAnalysisView, FaceSummary, ImportFileResult, ScriptSummary, VoiceSummary } from '../contract/types';
import type { LibraryFace, LibraryFaceDetail, LibraryImport, LibraryScript, LibraryVoice } from './engine-facade';

/* Engine library records → the contract's wire types. Media paths become `mouthpiece-media://` URLs. */

const PREVIEW_CHARS = 120;

export type MediaUrlOf = (filePath: string) => string | null;

export function toFaceSummary(face: LibraryFace, mediaUrl: MediaUrlOf, thumbnailUrl: (sha256: string) => string | null = () => null): FaceSummary {
  return {
    id: face.id,
    name: face.name,
    kind: face.kind === 'image' ? 'photo' : 'video',
    mediaUrl: mediaUrl(face.mediaPath),
    thumbnailUrl: thumbnailUrl(face.mediaSha256),
    width: face.width,
    height: face.height,
    durationSec: face.durationSec,
    consent: face.consent,
    subjectCount: face.analysisStatus === 'done' || face.analysisStatus === 'no_face' ? face.subjectCount : null,
    subjectNames: face.subjectNames,
    mouthClipId: face.mouthClipId,
    addedAt: face.createdAt,
  };
}

export function toVoiceSummary(voice: LibraryVoice, mediaUrl: MediaUrlOf): VoiceSummary {
  return {
    id: voice.id,
    name: voice.name,
    mediaUrl: voice.mediaPath ? mediaUrl(voice.mediaPath) : null,
    builtin: voice.kind === 'builtin',
    durationSec: voice.durationSec,
    transcript: voice.transcript,
    addedAt: voice.createdAt,
  };
}

export function toScriptSummary(script: LibraryScript): ScriptSummary {
  const text = script.text.trim();
  const firstLine = text.split('\n', 1)[0].trim();
  return {
    id: script.id,
    name: script.name,
    preview: firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS - 1)}…` : firstLine,
    wordCount: text === '' ? 0 : text.split(/\s+/u).length,
    addedAt: script.createdAt,
  };
}

export function toImportFileResult(path: string, outcome: LibraryImport): ImportFileResult {
  const id = outcome.kind === 'face' ? outcome.face.id : outcome.kind === 'voice' ? outcome.voice.id : outcome.script.id;
  return { path, ok: true, kind: outcome.kind, id, duplicate: !outcome.created, notice: outcome.notice?.message ?? null };
}

export function toFaceAnalysisView(face: LibraryFaceDetail): FaceAnalysisView {
  return {
    faceId: face.id,
    status: face.analysisStatus,
    error: face.analysisError,
    width: face.width,
    height: face.height,
    subjects: face.subjects.map(({ index, box, score, area, landmarks, masks }) => ({ index, box, score, area, landmarks, masks })),
  };
}
