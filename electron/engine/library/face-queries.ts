import type { Database } from 'better-sqlite3';
import type { FaceSubject } from '../face/face-types.js';
import type { AnalysisStatus, FaceDetail, FaceEntry, FaceKind } from './library-types.js';
import { InputError } from '../errors.js';
import { resolveMediaPath } from './media-store.js';
import { assertEntryId, createMissingEntryError, formatNowIso, parseJsonColumn } from './row-helpers.js';

interface FaceRow {
  id: number;
  name: string;
  media_sha256: string;
  ext: string;
  kind: FaceKind;
  width: number | null;
  height: number | null;
  duration_sec: number | null;
  consent: number;
  consent_at: string | null;
  analysis_status: AnalysisStatus;
  analysis_error: string | null;
  subject_count: number;
  subject_names: string;
  mouth_clip_id: number | null;
  created_at: string;
  updated_at: string;
}

interface SubjectRow {
  subject_index: number;
  box: string;
  score: number;
  area: number;
  landmarks: string;
  irises: string;
  masks: string;
  roll_rad: number;
  mesh_score: number;
}

const selectFacesSql = `
  SELECT f.*, m.ext, (SELECT count(*) FROM subjects s WHERE s.face_id = f.id) AS subject_count
    FROM faces f JOIN media m ON m.sha256 = f.media_sha256`;

function mapFaceRow({ row, libraryDir }: { row: FaceRow; libraryDir: string }): FaceEntry {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mediaSha256: row.media_sha256,
    mediaPath: resolveMediaPath({ libraryDir, sha256: row.media_sha256, ext: row.ext }),
    width: row.width,
    height: row.height,
    durationSec: row.duration_sec,
    consent: row.consent === 1,
    consentAt: row.consent_at,
    analysisStatus: row.analysis_status,
    analysisError: row.analysis_error,
    subjectCount: row.subject_count,
    subjectNames: parseJsonColumn(row.subject_names) as Record<string, string>,
    mouthClipId: row.mouth_clip_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function mapSubjectRow(row: SubjectRow): FaceSubject {
  return {
    index: row.subject_index,
    box: parseJsonColumn(row.box),
    score: row.score,
    area: row.area,
    landmarks: parseJsonColumn(row.landmarks),
    irises: parseJsonColumn(row.irises),
    rollRad: row.roll_rad,
    meshScore: row.mesh_score,
    masks: parseJsonColumn(row.masks),
  };
}

/** Every face, newest first, without subjects (cheap enough for a grid). */
export function listFaces({ db, libraryDir }: { db: Database; libraryDir: string }): FaceEntry[] {
  const rows = db.prepare(`${selectFacesSql} ORDER BY f.id DESC`).all() as FaceRow[];
  return rows.map((row) => mapFaceRow({ row, libraryDir }));
}

export function listSubjects({ db, faceId }: { db: Database; faceId: number }): FaceSubject[] {
  const rows = db.prepare('SELECT * FROM subjects WHERE face_id = ? ORDER BY subject_index').all(faceId) as SubjectRow[];
  return rows.map(mapSubjectRow);
}

/** A face with its subjects (subject 0 = largest), or null when there is no such face. */
export function getFace({ db, libraryDir, faceId }: { db: Database; libraryDir: string; faceId: number }): FaceDetail | null {
  assertEntryId({ kind: 'face', id: faceId });
  const row = db.prepare(`${selectFacesSql} WHERE f.id = ?`).get(faceId) as FaceRow | undefined;
  return row ? { ...mapFaceRow({ row, libraryDir }), subjects: listSubjects({ db, faceId }) } : null;
}


export interface InsertFaceInput {
  db: Database;
  name: string;
  sha256: string;
  kind: FaceKind;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  analysisStatus: AnalysisStatus;
  analysisError: string | null;
  nowIso: string;
}

export function insertFace({ db, name, sha256, kind, width, height, durationSec, analysisStatus, analysisError, nowIso }: InsertFaceInput): number {
  const result = db
    .prepare(
      `INSERT INTO faces (name, media_sha256, kind, width, height, duration_sec, analysis_status, analysis_error, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(name, sha256, kind, width, height, durationSec, analysisStatus, analysisError, nowIso, nowIso);
  return Number(result.lastInsertRowid);
}

/** Replaces the subjects of a face; call inside a transaction. */
export function replaceSubjects({ db, faceId, subjects }: { db: Database; faceId: number; subjects: FaceSubject[] }): void {
  db.prepare('DELETE FROM subjects WHERE face_id = ?').run(faceId);
  const insert = db.prepare(
    `INSERT INTO subjects (face_id, subject_index, box, score, area, landmarks, irises, masks, roll_rad, mesh_score)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const subject of subjects) {
    insert.run(
      faceId,
      subject.index,
      JSON.stringify(subject.box),
      subject.score,
      subject.area,
      JSON.stringify(subject.landmarks),
      JSON.stringify(subject.irises),
      JSON.stringify(subject.masks),
      subject.rollRad,
      subject.meshScore,
    );
  }
}

export interface SetFaceAnalysisInput {
  db: Database;
  faceId: number;
  status: AnalysisStatus;
  error: string | null;
  /** null keeps the subjects already stored. */
  subjects: FaceSubject[] | null;
  width: number | null;
  height: number | null;
}

/** Records the outcome of an analysis (subjects replaced, sizes filled in when known); call inside a transaction. */
export function setFaceAnalysis({ db, faceId, status, error, subjects, width, height }: SetFaceAnalysisInput): void {
  db.prepare(
    `UPDATE faces SET analysis_status = ?, analysis_error = ?, width = coalesce(?, width), height = coalesce(?, height), updated_at = ?
      WHERE id = ?`,
  ).run(status, error, width, height, formatNowIso(), faceId);
  if (subjects !== null) replaceSubjects({ db, faceId, subjects });
}

/** Records whether the person shown agreed to be animated, and when that was said. */
/** Names subject `subject` of a face ("Anna"); an empty name clears it, so the subject is "Subject N" again. */
export function setSubjectName({ db, faceId, subject, name, nowIso }: { db: Database; faceId: number; subject: number; name: string; nowIso: string }): void {
  assertEntryId({ kind: 'face', id: faceId });
  const trimmed = name.trim();
  const path = `$."${subject}"`;
  const result = trimmed
    ? db.prepare('UPDATE faces SET subject_names = json_set(subject_names, ?, ?), updated_at = ? WHERE id = ?').run(path, trimmed, nowIso, faceId)
    : db.prepare('UPDATE faces SET subject_names = json_remove(subject_names, ?), updated_at = ? WHERE id = ?').run(path, nowIso, faceId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'face', id: faceId });
}

export function setFaceConsent({ db, faceId, consent, nowIso }: { db: Database; faceId: number; consent: boolean; nowIso: string }): void {
  assertEntryId({ kind: 'face', id: faceId });
  const result = db.prepare('UPDATE faces SET consent = ?, consent_at = ?, updated_at = ? WHERE id = ?').run(consent ? 1 : 0, nowIso, nowIso, faceId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'face', id: faceId });
}

/**
 * Makes the video face `clipId` the personal mouth of the photo face `faceId` (null clears it). Only a photo takes
 * one, and only a video can be one; whether the clip shows a talking face is the caller's check.
 */
export function setMouthClip({ db, faceId, clipId, nowIso }: { db: Database; faceId: number; clipId: number | null; nowIso: string }): void {
  assertEntryId({ kind: 'face', id: faceId });
  const kindOf = (id: number) => (db.prepare('SELECT kind FROM faces WHERE id = ?').get(id) as { kind: FaceKind } | undefined)?.kind;
  const kind = kindOf(faceId);
  if (!kind) throw createMissingEntryError({ kind: 'face', id: faceId });
  if (kind !== 'image') throw new InputError('BAD_ARGUMENT', `Face ${faceId} is a video: only a photo takes its mouth from a clip.`);
  if (clipId !== null) {
    assertEntryId({ kind: 'face', id: clipId });
    const clipKind = kindOf(clipId);
    if (!clipKind) throw createMissingEntryError({ kind: 'face', id: clipId });
    if (clipKind !== 'video') throw new InputError('BAD_ARGUMENT', `Face ${clipId} is a photo: the mouth comes from a video clip of the person talking.`);
  }
  db.prepare('UPDATE faces SET mouth_clip_id = ?, updated_at = ? WHERE id = ?').run(clipId, nowIso, faceId);
}
