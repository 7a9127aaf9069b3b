/**
 * The project library: SQLite schema and migrations, the content-addressed media store, and the queries the app,
 * the CLI and the render queue use. Open it with `openLibrary`.
 */
export { openLibrary, type Library } from './library.js';
export { openLibraryDatabase, type OpenLibraryDatabaseInput } from './database.js';
export { applyMigrations, libraryMigrations, readSchemaVersion, type Migration } from './migrations.js';
export { hashFile, resolveMediaPath } from './media-store.js';
export { repairLibrary } from './repair-library.js';
export type { ListRendersFilter, RenderLane } from './render-queries.js';
export type * from './library-types.js';
