import { existsSync } from 'node:fs';
import path from 'node:path';
import { MAX_PARALLEL_RENDERS } from '../../contract/schemas';
import type { StudioHandlers } from '../../contract/studio-api';
import type { RenderJobView, RenderSettingsView } from '../../contract/types';
import type { RenderJobState } from '../../engine/jobs/index.js';
import { readFarmCa, redactUrlText } from '../../engine/farm/farm-connection.js';
import { parseMediaAddress } from '../../engine/farm/media-address.js';
import { defaultRenderConcurrency, readRenderSettings, updateRenderSettings } from '../render-settings';
import { StudioFailure } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';
import { checkOutputFolder } from './output-location';
import { requireProject, toProjectView } from './project-views';
import { buildRenderSpec, defaultRenderPath } from './render-spec';

type RenderHandlers = Pick<
  StudioHandlers,
  | 'render.enqueue' | 'render.list' | 'render.cancel' | 'render.retry' | 'render.chooseOutput' | 'render.openOutput' | 'render.reveal'
  | 'render.cancelAll' | 'render.getSettings' | 'render.setConcurrency' | 'render.setFarm'
>;

const PRESETS = new Set(['reel', 'square', 'landscape', 'source']);

function renderSettingsView({ concurrency, farmUrl, farmMediaAddress, farmCaPath }: { concurrency: number; farmUrl?: string; farmMediaAddress?: string; farmCaPath?: string }): RenderSettingsView {
  // The stored URL may hold the Redis password: the page is shown it hidden.
  return {
    concurrency,
    defaultConcurrency: defaultRenderConcurrency(),
    maxConcurrency: MAX_PARALLEL_RENDERS,
    farmUrl: farmUrl === undefined ? null : redactUrlText(farmUrl),
    farmMediaAddress: farmMediaAddress ?? null,
    farmCaPath: farmCaPath ?? null,
  };
}

/** The built-in preset a job used, or for a custom one the built-in of the same shape (for the queue's little frame). */
function presetShapeOf(spec: { preset?: unknown; customPreset?: unknown }): RenderJobView['preset'] {
  const custom = spec.customPreset as { width?: unknown; height?: unknown } | undefined;
  if (custom && typeof custom.width === 'number' && typeof custom.height === 'number') {
    return custom.width === custom.height ? 'square' : custom.width > custom.height ? 'landscape' : 'reel';
  }
  return typeof spec.preset === 'string' && PRESETS.has(spec.preset) ? (spec.preset as RenderJobView['preset']) : 'source';
}

/** The queue panel's view of a render row; `outputUrl` is how the host serves a finished render (null: not served). */
export function toRenderJobView({ entry, etaMs }: RenderJobState, outputUrl: (renderId: number) => string | null = () => null): RenderJobView {
  const spec = (entry.spec ?? {}) as { title?: unknown; preset?: unknown; outputPath?: unknown; customPreset?: { name?: unknown }; farm?: unknown };
  return {
    id: entry.id,
    projectId: entry.projectId,
    title: typeof spec.title === 'string' ? spec.title : `Render ${entry.id}`,
    preset: presetShapeOf(spec),
    presetName: typeof spec.customPreset?.name === 'string' ? spec.customPreset.name : null,
    onFarm: spec.farm === true,
    batchId: entry.batchId,
    batchPosition: entry.batchPosition,
    status: entry.status,
    progress: entry.progress,
    phase: entry.phase,
    etaMs: entry.status === 'running' ? etaMs : null,
    outputPath: entry.outputPath ?? (typeof spec.outputPath === 'string' ? spec.outputPath : ''),
    outputUrl: entry.status === 'done' && entry.outputPath && existsSync(entry.outputPath) ? outputUrl(entry.id) : null,
    error: entry.error,
    createdAt: entry.createdAt,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    durationMs: entry.durationMs,
  };
}

/** The render queue: enqueue a project with a preset, follow, cancel, retry, and open what it made. */
export function createRenderHandlers(deps: StudioHandlerDeps): RenderHandlers {
  const { engine } = deps;
  const view = (state: RenderJobState) => toRenderJobView(state, deps.renderUrl);

  async function finishedOutput(renderId: number): Promise<string> {
    const { entry } = (await engine.renderQueue()).get(renderId);
    if (entry.status !== 'done' || !entry.outputPath) throw new StudioFailure('CONFLICT', `Render ${renderId} has not finished yet.`);
    if (!existsSync(entry.outputPath)) throw new StudioFailure('NOT_FOUND', `${entry.outputPath}: the rendered file was moved or deleted.`);
    return entry.outputPath;
  }

  return {
    'render.enqueue': async ({ projectId, preset, outputPath, farm }) => {
      const { library, project } = await requireProject(engine, projectId);
      if (farm && !(await readRenderSettings(library.libraryDir)).farmUrl) {
        throw new StudioFailure('BAD_INPUT', 'Exporting on the farm needs a render farm: set its Redis URL (redis://HOST:6379) in the render settings first.');
      }
      const { document, name } = toProjectView(project);
      if (outputPath !== undefined) await checkOutputFolder(path.dirname(outputPath), { libraryDir: library.libraryDir, rendersDir: deps.rendersDir() });
      // A preset asked for by name is that built-in preset, not the project's custom one.
      const { customPresetId: _custom, ...builtinExport } = document.export;
      const spec = buildRenderSpec(library, {
        document: preset === undefined ? document : { ...document, export: builtinExport },
        title: name,
        preset: preset ?? document.export.preset,
        outputPath: outputPath ?? defaultRenderPath(deps.rendersDir(), name),
      });
      // `farm` sends it to the farm's lane and the farm (engine-facade's runner); without it, it renders here.
      return view((await engine.renderQueue()).enqueue({ projectId, spec: farm ? { ...spec, farm: true } : spec }));
    },

    'render.list': async () => (await engine.renderQueue()).list().map(view),
    'render.cancel': async ({ renderId }) => view(await (await engine.renderQueue()).cancel(renderId)),
    'render.retry': async ({ renderId }) => view((await engine.renderQueue()).retry(renderId)),
    'render.cancelAll': async () => ({ cancelled: await (await engine.renderQueue()).cancelAll() }),

    'render.getSettings': async () => {
      const stored = await readRenderSettings((await engine.library()).libraryDir);
      return renderSettingsView({ ...stored, concurrency: (await engine.renderQueue()).concurrency });
    },

    'render.setConcurrency': async ({ concurrency }) => {
      const library = await engine.library();
      const stored = await updateRenderSettings(library.libraryDir, { concurrency });
      (await engine.renderQueue()).setConcurrency(concurrency);
      return renderSettingsView({ ...stored, concurrency });
    },

    'render.setFarm': async ({ farmUrl, mediaAddress, caPath }) => {
      const library = await engine.library();
      // Refused here, before it is stored, in the words the CLI uses for --media-address and --farm-ca.
      if (mediaAddress) parseMediaAddress(mediaAddress, 'The address workers reach this computer at');
      if (caPath) readFarmCa(caPath, "the farm's CA certificate");
      const stored = await updateRenderSettings(library.libraryDir, {
        farmUrl: farmUrl ?? undefined,
        farmMediaAddress: (farmUrl && mediaAddress) || undefined,
        farmCaPath: (farmUrl && caPath) || undefined,
      });
      // The next farm item connects with the new URL.
      await engine.farmChanged();
      return renderSettingsView({ ...stored, concurrency: (await engine.renderQueue()).concurrency });
    },

    'render.chooseOutput': async ({ suggestedName }) => ({ path: await deps.chooseSavePath(suggestedName) }),

    'render.openOutput': async ({ renderId }) => {
      await deps.openPath(await finishedOutput(renderId));
      return { ok: true };
    },

    'render.reveal': async ({ renderId }) => {
      await deps.showItemInFolder(await finishedOutput(renderId));
      return { ok: true };
    },
  };
}

/** The finished MP4 of a render, if it is done and its file is still where it was written; null otherwise. */
export async function resolveRenderOutput(engine: StudioHandlerDeps['engine'], name: string): Promise<string | null> {
  const match = /^([1-9]\d{0,15})\.mp4$/.exec(name);
  if (!match) return null;
  try {
    const { entry } = (await engine.renderQueue()).get(Number(match[1]));
    return entry.status === 'done' && entry.outputPath && existsSync(entry.outputPath) ? entry.outputPath : null;
  } catch {
    return null;
  }
}
