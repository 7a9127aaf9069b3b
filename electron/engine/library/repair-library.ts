import { existsSync, unlinkSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { RepairReport } from './library-types.js';
import { isProcessAlive } from './media-references.js';
import { listStoredMediaFiles, removeTempFiles, resolveMediaPath } from './media-store.js';

export interface RepairLibraryInput {
  db: Database;
  libraryDir: string;
  /** Import intents older than this are cleared even if their process id is in use again (ids get reused). */
  staleAfterMs?: number;
  nowMs?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Puts the store back in line with the database after a crash: clears the intents of imports whose process is gone,
 * deletes their temp files, deletes stored files and `media` rows nothing references, and reports referenced media
 * whose file is missing. Imports running in other processes (intent present, process alive) are left alone.
 */
export function repairLibrary({ db, libraryDir, staleAfterMs = dayMs, nowMs = Date.now() }: RepairLibraryInput): RepairReport {
  const pending = db.prepare('SELECT id, pid, started_at AS startedAt FROM pending_imports').all() as { id: number; pid: number; startedAt: string }[];
  const isStale = (intent: { pid: number; startedAt: string }): boolean =>
    !isProcessAlive(intent.pid) || nowMs - Date.parse(intent.startedAt) > staleAfterMs;
  const staleIds = pending.filter(isStale).map((intent) => intent.id);
  const clearIntent = db.prepare('DELETE FROM pending_imports WHERE id = ?');
  db.transaction(() => staleIds.forEach((id) => clearIntent.run(id)))();

  const tempFilesRemoved = removeTempFiles({ libraryDir, isProcessAlive });

  // One write-locked pass, so no other process can announce or commit an import between our check and the unlinks.
  const sweep = db.transaction(() => {
    const orphanRows = db
      .prepare(
        `SELECT sha256 FROM media m
          WHERE NOT EXISTS (SELECT 1 FROM faces WHERE media_sha256 = m.sha256)
            AND NOT EXISTS (SELECT 1 FROM voices WHERE media_sha256 = m.sha256)
            AND NOT EXISTS (SELECT 1 FROM scripts WHERE media_sha256 = m.sha256)
            AND NOT EXISTS (SELECT 1 FROM pending_imports WHERE media_sha256 = m.sha256)`,
      )
      .pluck()
      .all() as string[];
    const deleteRow = db.prepare('DELETE FROM media WHERE sha256 = ?');
    orphanRows.forEach((sha256) => deleteRow.run(sha256));

    const kept = db.prepare('SELECT sha256, ext FROM media').all() as { sha256: string; ext: string }[];
    const keptNames = new Set(kept.map((row) => `${row.sha256}${row.ext}`));
    const pendingShas = new Set(db.prepare('SELECT media_sha256 FROM pending_imports').pluck().all() as string[]);
    let orphanFilesRemoved = 0;
    for (const file of listStoredMediaFiles(libraryDir)) {
      if (keptNames.has(`${file.sha256}${file.ext}`) || pendingShas.has(file.sha256)) continue;
      try {
        unlinkSync(file.filePath);
        orphanFilesRemoved++;
      } catch {
        // Gone already.
      }
    }
    const missingMedia = kept.filter((row) => !existsSync(resolveMediaPath({ libraryDir, ...row }))).map((row) => row.sha256);
    return { orphanRowsRemoved: orphanRows.length, orphanFilesRemoved, missingMedia };
  });
  const swept = sweep.immediate();
  return { tempFilesRemoved, staleImportsCleared: staleIds.length, ...swept };
}
