import type { Database } from 'better-sqlite3';
import { removeMediaFile } from './media-store.js';

/*
 * Who holds on to a stored file: rows of faces, voices and scripts, and imports still under way (`pending_imports`),
 * which announce their content before copying it so that no other process sweeps the file as an orphan meanwhile.
 */

/** True when a process with this id runs (on this machine). A process we may not signal still counts as running. */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Announces that this process is about to store `sha256`; returns the intent's id for `clearPendingImport`. */
export function registerPendingImport({ db, sha256, nowIso }: { db: Database; sha256: string; nowIso: string }): number {
  const result = db.prepare('INSERT INTO pending_imports (media_sha256, pid, started_at) VALUES (?, ?, ?)').run(sha256, process.pid, nowIso);
  return Number(result.lastInsertRowid);
}

export function clearPendingImport({ db, pendingId }: { db: Database; pendingId: number }): void {
  db.prepare('DELETE FROM pending_imports WHERE id = ?').run(pendingId);
}

/** How many rows and running imports hold on to this content. */
export function countMediaReferences({ db, sha256 }: { db: Database; sha256: string }): number {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM faces WHERE media_sha256 = :sha)
            + (SELECT count(*) FROM voices WHERE media_sha256 = :sha)
            + (SELECT count(*) FROM scripts WHERE media_sha256 = :sha)
            + (SELECT count(*) FROM pending_imports WHERE media_sha256 = :sha) AS n`,
    )
    .get({ sha: sha256 }) as { n: number };
  return row.n;
}

/**
 * Removes the `media` row and the stored file of `sha256` when nothing holds on to it any more; true when something
 * was removed. `ext` names the file of an import that failed before its `media` row was written.
 * Runs as an IMMEDIATE transaction (a savepoint when called inside one): holding the write lock between the check and
 * the unlink keeps another process from announcing the same content in between and then finding its file gone.
 * The unlink is the last step, so only a failed commit could leave a row without its file, which repair reports.
 */
export function removeMediaIfUnreferenced({ db, libraryDir, sha256, ext }: { db: Database; libraryDir: string; sha256: string; ext?: string }): boolean {
  const remove = db.transaction(() => {
    if (countMediaReferences({ db, sha256 }) > 0) return false;
    const row = db.prepare('SELECT ext FROM media WHERE sha256 = ?').get(sha256) as { ext: string } | undefined;
    if (row) db.prepare('DELETE FROM media WHERE sha256 = ?').run(sha256);
    const extensions = new Set([row?.ext, ext].filter((value): value is string => value !== undefined));
    let removed = row !== undefined;
    for (const candidate of extensions) removed = removeMediaFile({ libraryDir, sha256, ext: candidate }) || removed;
    return removed;
  });
  return remove.immediate();
}
