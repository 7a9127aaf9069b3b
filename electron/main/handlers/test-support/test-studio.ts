import path from 'node:path';
import { createNodeStudio, type NodeStudio } from '../../../bridge/node-studio';
import { defaultModelPaths } from '../../../engine/install-layout';
import type { StudioEventName } from '../../../contract/channels';

/** The handlers over the real engine for integration tests: a library in `dir`, every event kept in `events`. */
export function openTestStudio(dir: string, events: { event: StudioEventName; payload: unknown }[]): NodeStudio {
  return createNodeStudio({
    libraryDir: path.join(dir, 'library'),
    ...defaultModelPaths(),
    version: 'test',
    mediaUrl: () => null,
    thumbnailUrl: () => null,
    renderUrl: (renderId) => `/renders/${renderId}.mp4`,
    emit: (event, payload) => events.push({ event, payload }),
  });
}
