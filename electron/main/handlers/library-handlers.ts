import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { StudioHandlers } from '../../contract/studio-api';
import type { ImportFileResult, ImportResponse } from '../../contract/types';
import { estimateEtaMs } from '../../engine/progress';
import { toFaceAnalysisView, toFaceSummary, toImportFileResult, toScriptSummary, toVoiceSummary } from '../library-views';
import { StudioFailure, toStudioError } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';
import { previewBuiltinVoice } from './builtin-voices';
import { readSoundPeaks } from './face-sound';
import { checkImportPath } from './import-path-check';
import type { SampleCatalog } from './sample-handlers';

type LibraryHandlers = Pick<
  StudioHandlers,
  'library.list' | 'library.search' | 'library.import' | 'library.importFromDialog' | 'library.rename' | 'library.delete' | 'library.setConsent' | 'face.getAnalysis' | 'face.getSound' | 'face.setSubjectName' | 'voices.list' | 'voices.preview' | 'voices.setTranscript'
>;

/** Faces, voices and scripts: listing, importing, naming, deleting, consent, and a face's analysis. */
export function createLibraryHandlers(deps: StudioHandlerDeps, samples?: SampleCatalog): LibraryHandlers {
  const { engine, emit, mediaUrl, thumbnailUrl } = deps;
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
        const checked = await checkImportPath(filePath, { libraryDir: library.libraryDir });
        const outcome = await library.importFile(
          { filePath: checked },
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
    'library.list': async () => {
      const library = await engine.library();
      const sampleHashes = (await samples?.hashes()) ?? new Set<string>();
      const publicDomain = (sha256: string | null | undefined) => (sha256 && sampleHashes.has(sha256) ? { publicDomain: true } : {});
      return {
        faces: library.listFaces().map((face) => ({ ...toFaceSummary(face, mediaUrl, thumbnailUrl), ...publicDomain(face.mediaSha256) })),
        voices: library.listVoices().map((voice) => ({ ...toVoiceSummary(voice, mediaUrl), ...publicDomain(voice.mediaSha256) })),
        scripts: library.listScripts().map(toScriptSummary),
      };
    },

    'library.search': async ({ query, kinds, limit }) => (await engine.library()).search({ query, kinds, limit }),

    'library.import': ({ paths }) => importPaths(paths),

    'library.importFromDialog': async () => {
      const paths = await deps.chooseImportFiles();
      return paths.length > 0 ? importPaths(paths) : { results: [] };
    },

    'library.rename': async ({ kind, id, name }) => {
      (await engine.library()).renameEntry({ kind, id, name });
      emit('library-changed', { reason: 'rename' });
      return { ok: true };
    },

    'library.delete': async ({ kind, id }) => {
      (await engine.library()).deleteEntry({ kind, id });
      emit('library-changed', { reason: 'delete' });
      return { ok: true };
    },

    'library.setConsent': async ({ faceId, consent }) => {
      const { library } = await requireFace(faceId);
      const face = library.setConsent({ faceId, consent });
      emit('library-changed', { reason: 'consent' });
      return toFaceSummary(face, mediaUrl, thumbnailUrl);
    },

    'face.getAnalysis': async ({ faceId }) => toFaceAnalysisView((await requireFace(faceId)).face),
    'face.getSound': async ({ faceId }) => {
      const { face } = await requireFace(faceId);
      if (face.kind !== 'video') throw new StudioFailure('BAD_INPUT', `"${face.name}" is a photo: it has no sound of its own.`);
      return readSoundPeaks(await engine.tools(), face.mediaPath);
    },
    'face.setSubjectName': async ({ faceId, subject, name }) => {
      const { library } = await requireFace(faceId);
      const face = library.setSubjectName({ faceId, subject, name });
      emit('library-changed', { reason: 'subject-name' });
      return toFaceSummary(face, mediaUrl, thumbnailUrl);
    },

    'voices.list': () => deps.listBuiltinVoices(),
    'voices.setTranscript': async ({ voiceId, transcript }) => {
      const library = await engine.library();
      const voice = library.getVoice({ voiceId });
      if (!voice || voice.kind === 'builtin') throw new StudioFailure('NOT_FOUND', 'That recording is no longer in the library.');
      const trimmed = transcript.trim();
      const updated = library.setVoiceTranscript({ voiceId, transcript: trimmed === '' ? null : trimmed });
      emit('library-changed', { reason: 'transcript' });
      return toVoiceSummary(updated, mediaUrl);
    },
    'voices.preview': async ({ voice, text, scriptId }) => {
      if (scriptId === undefined) return previewBuiltinVoice(voice, text);
      const script = (await engine.library()).getScript({ scriptId });
      if (!script) throw new StudioFailure('NOT_FOUND', 'That script is no longer in the library.');
      return previewBuiltinVoice(voice, script.text);
    },
  };
}
