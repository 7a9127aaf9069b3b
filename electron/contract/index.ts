/**
 * The studio IPC contract, shared by main, preload and renderer. The preload imports only `./channels` (no schema
 * code in the sandbox); the renderer imports types only.
 */
export * from './batch-names';
export * from './channels';
export * from './project-document';
export * from './schemas';
export * from './studio-api';
export * from './types';
export * from './validate';
