/** SQLite codes that describe the database file or its disk rather than a mistake in the schema step. */
const STATE_CODES = /^SQLITE_(CORRUPT|NOTADB|BUSY|LOCKED|READONLY|CANTOPEN|PERM|FULL)/;

export function isDatabaseStateFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STATE_CODES.test(code);
}

/** SQLite's failure in a creator's words: what is wrong with the library and that it was left as it was. */
export function describeDatabaseFailure(error: unknown, dbPath: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (typeof code === 'string' ? code.replace(/^(SQLITE_[A-Z]+).*$/, '$1') : '') {
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return `The library database ${dbPath} is damaged (it is not a whole SQLite database); it was left untouched: restore it from a backup, or move it away to start a new library.`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `The library database ${dbPath} is busy: another Mouthpiece (the app or a batch) is writing to it; try again when it has finished.`;
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
      return `The library database ${dbPath} cannot be written (a read-only disk or folder, or no permission); move the library somewhere writable.`;
    case 'SQLITE_FULL':
      return `The library database ${dbPath} cannot grow: the disk is full; free some space and try again.`;
    default:
      return `The library database ${dbPath} cannot be used: ${error instanceof Error ? error.message : String(error)}`;
  }
}
