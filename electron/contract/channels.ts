/**
 * Channel names of the studio IPC contract. This file has no dependencies on purpose: the sandboxed preload
 * bundles it, and it must stay small and free of schema code.
 */

/** Every request the renderer can make, as `namespace.verb`. The renderer calls them as `window.studio.namespace.verb()`. */
export const studioMethods = [
  'app.getInfo',
  'app.getLastProject',
  'library.list',
  'library.search',
  'library.import',
  'library.importFromDialog',
  'library.rename',
  'library.delete',
  'library.setConsent',
  'library.importSample',
  'face.getAnalysis',
  'face.setSubjectName',
  'face.setMouthClip',
  'face.getSound',
  'voices.list',
  'voices.preview',
  'voices.setTranscript',
  'scripts.create',
  'scripts.update',
  'projects.list',
  'projects.create',
  'projects.get',
  'projects.save',
  'render.enqueue',
  'render.list',
  'render.cancel',
  'render.retry',
  'render.chooseOutput',
  'render.openOutput',
  'render.reveal',
  'render.cancelAll',
  'render.getSettings',
  'render.setConcurrency',
  'render.setFarm',
  'presets.list',
  'presets.save',
  'presets.delete',
  'batch.chooseFolder',
  'batch.plan',
  'batch.create',
  'batch.list',
  'batch.cancel',
  'batch.retryFailed',
  'preview.frame',
  'video.verify',
] as const;

export type StudioMethod = (typeof studioMethods)[number];

export const STUDIO_CHANNEL_PREFIX = 'studio:';

/** The IPC channel a method travels on: `studio:library.list`. */
export type StudioChannel = `${typeof STUDIO_CHANNEL_PREFIX}${StudioMethod}`;

export function channelOf<M extends StudioMethod>(method: M): `${typeof STUDIO_CHANNEL_PREFIX}${M}` {
  return `${STUDIO_CHANNEL_PREFIX}${method}`;
}

/** The method a channel carries, or undefined for anything that is not one of ours. */
export function methodOfChannel(channel: unknown): StudioMethod | undefined {
  if (typeof channel !== 'string' || !channel.startsWith(STUDIO_CHANNEL_PREFIX)) return undefined;
  const method = channel.slice(STUDIO_CHANNEL_PREFIX.length);
  return (studioMethods as readonly string[]).includes(method) ? (method as StudioMethod) : undefined;
}

/** Events main pushes to the renderer, by the short name the renderer subscribes with. */
export const studioEventChannels = {
  progress: 'studio:event:progress',
  'job-state': 'studio:event:job-state',
  'library-changed': 'studio:event:library-changed',
  /** A menu item (or its accelerator) the page carries out itself: undo, redo, render, … */
  menu: 'studio:event:menu',
} as const;

export type StudioEventName = keyof typeof studioEventChannels;

export function isStudioEventName(name: unknown): name is StudioEventName {
  return typeof name === 'string' && Object.hasOwn(studioEventChannels, name);
}
