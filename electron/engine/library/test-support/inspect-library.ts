import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { listStoredMediaFiles, resolveMediaPath } from '../media-store.js';
import { hashFileSync } from './temp-library.js';

/** Everything a test wants to know about the health of a library on disk, read independently of the library code. */
export interface LibraryInspection {
  integrity: string;
  foreignKeyProblems: unknown[];
  /** Media rows whose file is missing or does not hash to its name. */
  badMedia: string[];
  /** Files under final names whose content does not match the name (half-written or corrupt). */
  badFiles: string[];
  /** Stored files no row references. */
  orphanFiles: string[];
  tempFiles: string[];
  pendingImports: number;
  /** Faces marked analysed whose subjects are missing (would mean a torn import). */
  facesWithoutSubjects: number;
  counts: { media: number; faces: number; subjects: number; voices: number; scripts: number };
}

export function inspectLibrary(libraryDir: string): LibraryInspection {
  const db = new BetterSqlite3(path.join(libraryDir, 'library.sqlite'), { readonly: true });
  try {
    const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const media = db.prepare('SELECT sha256, ext FROM media').all() as { sha256: string; ext: string }[];
    const referenced = new Set(
      db.prepare('SELECT media_sha256 FROM faces UNION SELECT media_sha256 FROM voices WHERE media_sha256 IS NOT NULL UNION SELECT media_sha256 FROM scripts WHERE media_sha256 IS NOT NULL').pluck().all() as string[],
    );
    const rowNames = new Set(media.map((row) => `${row.sha256}${row.ext}`));
    const badMedia = media
      .filter((row) => {
        const filePath = resolveMediaPath({ libraryDir, ...row });
        return !existsSync(filePath) || hashFileSync(filePath) !== row.sha256;
      })
      .map((row) => row.sha256);
    const stored = listStoredMediaFiles(libraryDir);
    const tempDir = path.join(libraryDir, 'media', '.tmp');
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeyProblems: db.pragma('foreign_key_check') as unknown[],
      badMedia,
      badFiles: stored.filter((file) => hashFileSync(file.filePath) !== file.sha256).map((file) => file.filePath),
      orphanFiles: stored.filter((file) => !rowNames.has(`${file.sha256}${file.ext}`) || !referenced.has(file.sha256)).map((file) => file.filePath),
      tempFiles: existsSync(tempDir) ? readdirSync(tempDir) : [],
      pendingImports: count('pending_imports'),
      facesWithoutSubjects: db
        .prepare("SELECT count(*) FROM faces f WHERE analysis_status = 'done' AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.face_id = f.id)")
        .pluck()
        .get() as number,
      counts: { media: count('media'), faces: count('faces'), subjects: count('subjects'), voices: count('voices'), scripts: count('scripts') },
    };
  } finally {
    db.close();
  }
}
