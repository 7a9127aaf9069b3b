import type { Database } from 'better-sqlite3';
import type { EntryKind } from './library-types.js';
import { removeMediaIfUnreferenced } from './media-references.js';
import { assertEntryId, createMissingEntryError, formatNowIso, normalizeEntryName } from './row-helpers.js';

const tables: Record<EntryKind, string> = { face: 'faces', voice: 'voices', script: 'scripts', project: 'projects' };

/** Gives an entry a new display name (trimmed; empty names are refused). */
export function renameEntry({ db, kind, id, name }: { db: Database; kind: EntryKind; id: number; name: string }): void {
  assertEntryId({ kind, id });
  const result = db.prepare(`UPDATE ${tables[kind]} SET name = ?, updated_at = ? WHERE id = ?`).run(normalizeEntryName(name), formatNowIso(), id);
  if (result.changes === 0) throw createMissingEntryError({ kind, id });
}

/**
 * Deletes an entry and what hangs off it (a face's subjects; a voice is unset from the scripts that chose it; a
 * project's renders keep their rows without it). Its stored file goes too, unless other entries use the same content
 * (e.g. a video kept both as a face and as a voice). All in one transaction.
 */
export function deleteEntry({ db, libraryDir, kind, id }: { db: Database; libraryDir: string; kind: EntryKind; id: number }): void {
  assertEntryId({ kind, id });
  const table = tables[kind];
  const remove = db.transaction(() => {
    const row = db.prepare(`SELECT ${kind === 'project' ? 'NULL' : 'media_sha256'} AS sha256 FROM ${table} WHERE id = ?`).get(id) as { sha256: string | null } | undefined;
    if (!row) throw createMissingEntryError({ kind, id });
    db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
    if (row.sha256 !== null) removeMediaIfUnreferenced({ db, libraryDir, sha256: row.sha256 });
  });
  remove.immediate();
}
