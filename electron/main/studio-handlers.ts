import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { StudioEventName } from '../contract/channels';
import type { StudioEventPayload, StudioHandlers } from '../contract/studio-api';
import type { AppInfo, ImportFileResult, ImportResponse } from '../contract/types';
import { estimateEtaMs } from '../engine/progress';
import type { EngineFacade } from './engine-facade';
import { toFaceAnalysisView, toFaceSummary, toImportFileResult, toScriptSummary, toVoiceSummary } from './library-views';
import { StudioFailure, toStudioError } from './studio-errors';

export type EmitStudioEvent = <E extends StudioEventName>(event: E, payload: StudioEventPayload<E>) => void;

export interface StudioHandlerDeps {
  engine: EngineFacade;
  /** The static part of `app.getInfo`. */
  describeApp(): Omit<AppInfo, 'engine'>;
  /** The library's media folder, for `mouthpiece-media://` URLs. */
  mediaRoot: string;
  emit: EmitStudioEvent;
  /** Shows the native open dialog; resolves to the chosen paths, or none when the user cancels. */
  chooseImportFiles(): Promise<string[]>;
  createTaskId?: () => string;
}

/**
 * What main does for each contract method, as one plain object of async functions. Requests arrive validated
 * (studio.ipc.ts); errors are thrown and turned into `{ ok: false }` by the adapter.
 */
export function createStudioHandlers(deps: StudioHandlerDeps): StudioHandlers {
  const { engine, mediaRoot, emit } = deps;
  const createTaskId = deps.createTaskId ?? randomUUID;

  async function requireFace(faceId: number) {
    const library = await engine.library();
    const face = library.getFace({ faceId });
    if (!face) throw new StudioFailure('NOT_FOUND', `There is no face with id ${faceId} in the library.`);
    return { library, face };
  }

  async function importPaths(paths: string[]): Promise<ImportResponse> {
    const library = await engine.library();
    const taskId = createTaskId();
    const label = paths.length === 1 ? `Importing ${path.basename(paths[0])}` : `Importing ${paths.length} files`;
    const startedAtMs = Date.now();
    const report = (phase: string, ratio: number) => emit('progress', { taskId, label, phase, ratio, etaMs: estimateEtaMs(startedAtMs, ratio) });

    const results: ImportFileResult[] = [];
    for (const [index, filePath] of paths.entries()) {
      report('import', index / paths.length);
      try {
        const outcome = await library.importFile(
          { filePath },
          { onProgress: (progress) => report(progress.phase, (index + progress.ratio) / paths.length) },
        );
        results.push(toImportFileResult(filePath, outcome));
      } catch (error) {
        results.push({ path: filePath, ok: false, error: toStudioError(error) });
      }
    }
    report('done', 1);
    if (results.some((result) => result.ok)) emit('library-changed', { reason: 'import' });
    return { results };
  }

  return {
    'app.getInfo': async () => ({ ...deps.describeApp(), engine: engine.availability() }),

    'library.list': async () => {
      const library = await engine.library();
      return {
        faces: library.listFaces().map((face) => toFaceSummary(face, mediaRoot)),
        voices: library.listVoices().map((voice) => toVoiceSummary(voice, mediaRoot)),
        scripts: library.listScripts().map(toScriptSummary),
      };
    },

    'library.import': ({ paths }) => importPaths(paths),

    'library.importFromDialog': async () => {
      const paths = await deps.chooseImportFiles();
      return paths.length > 0 ? importPaths(paths) : { results: [] };
    },

    'library.setConsent': async ({ faceId, consent }) => {
      const { library } = await requireFace(faceId);
      const face = library.setConsent({ faceId, consent });
      emit('library-changed', { reason: 'consent' });
      return toFaceSummary(face, mediaRoot);
    },

    'face.getAnalysis': async ({ faceId }) => toFaceAnalysisView((await requireFace(faceId)).face),
  };
}
