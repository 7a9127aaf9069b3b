import type { StudioHandlers } from '../../contract/studio-api';
import type { StudioHandlerDeps } from './handler-deps';
import { requireProject, toProjectView } from './project-views';
import { buildRenderSpec } from './render-spec';

type PreviewHandlers = Pick<StudioHandlers, 'preview.frame'>;

const DEFAULT_MAX_SIDE = 360;
/** A preview never writes a file; the spec still wants a path. */
const NO_OUTPUT = '/preview.mp4';

/**
 * Preview frames of the project as saved: resolved exactly like a render (same checks, consent included), drawn by
 * the engine's preview, which caches each scene until the document changes.
 */
export function createPreviewHandlers({ engine }: StudioHandlerDeps): PreviewHandlers {
  return {
    'preview.frame': async ({ projectId, timeSec, maxSide = DEFAULT_MAX_SIDE, quality, base }) => {
      const { library, project } = await requireProject(engine, projectId);
      const { document, name } = toProjectView(project);
      // The preview shows the whole stage whatever the format, so a custom preset (even a deleted one) plays no part.
      const { customPresetId: _format, ...exportSettings } = document.export;
      const scene = { ...document, export: exportSettings };
      const spec = buildRenderSpec(library, { document: scene, title: name, preset: document.export.preset, outputPath: NO_OUTPUT, allowSilence: true });
      const frame = await (await engine.preview()).frame(spec, { timeSec, maxSide, quality, base });
      const { width, height, timeSec: shownSec, durationSec, patch } = frame;
      // the bytes as they are: the IPC and the bridge carry them without base64 (see contract/binary-result.ts)
      const bytes = new Uint8Array(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.byteLength);
      return { bytes, mimeType: frame.mimeType, width, height, timeSec: shownSec, durationSec, base: frame.base, ...(patch ? { patch } : {}) };
    },
  };
}
