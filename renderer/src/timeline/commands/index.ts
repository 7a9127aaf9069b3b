export * from './clip-commands';
export * from './edit-command';
export * from './history';
export * from './settings-commands';
export * from './track-edits';
