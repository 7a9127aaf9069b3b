import type { StudioHandlers } from '../contract/studio-api';
import type { StudioHandlerDeps } from './handlers/handler-deps';
import { createBatchHandlers } from './handlers/batch-handlers';
import { createLibraryHandlers } from './handlers/library-handlers';
import { createMouthClipHandlers } from './handlers/mouth-clip-handlers';
import { createPresetHandlers } from './handlers/preset-handlers';
import { createPreviewHandlers } from './handlers/preview-handlers';
import { createProjectHandlers } from './handlers/project-handlers';
import { createRenderHandlers } from './handlers/render-handlers';
import { createSampleCatalog, createSampleHandlers } from './handlers/sample-handlers';
import { createVerifyHandlers } from './handlers/verify-handlers';

export type { EmitStudioEvent, StudioHandlerDeps } from './handlers/handler-deps';

/**
 * What the studio does for each contract method, as one plain object of async functions, free of Electron: the IPC
 * adapter (studio.ipc.ts) and the browser bridge (electron/bridge) both serve exactly these. Requests arrive
 * validated; errors are thrown and turned into `{ ok: false, error }` by the adapter.
 */
export function createStudioHandlers(deps: StudioHandlerDeps): StudioHandlers {
  const samples = createSampleCatalog(deps.samplesDir);
  return {
    'app.getInfo': async () => ({ ...deps.describeApp(), engine: deps.engine.availability() }),
    ...createLibraryHandlers(deps, samples),
    ...createMouthClipHandlers(deps),
    ...createSampleHandlers(deps, samples),
    ...createProjectHandlers(deps),
    ...createRenderHandlers(deps),
    ...createPresetHandlers(deps),
    ...createBatchHandlers(deps),
    ...createPreviewHandlers(deps),
    ...createVerifyHandlers(deps),
  };
}
