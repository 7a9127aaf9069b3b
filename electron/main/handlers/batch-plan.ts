import path from 'node:path';
import { expandNameTemplate, unknownTemplateFields, uniqueBatchNames } from '../../contract/batch-names';
import type { ValidatedRequest } from '../../contract/studio-api';
import type { BatchPlanItemView, BatchPlanView, StudioErrorCode } from '../../contract/types';
import { batchItemSpecSchema, type BatchItemSpec } from '../../engine/jobs/render-job.js';
import type { StudioLibrary } from '../engine-facade';
import { RENDER_FPS, resolveCustomPreset, type ResolvedCustomPreset } from './export-presets';
import { mouthClipPath } from './render-spec';

export type BatchRequest = ValidatedRequest<'batch.plan'>;

export interface BatchProblem {
  code: StudioErrorCode;
  message: string;
}

export interface BatchPlan {
  view: BatchPlanView;
  problems: BatchProblem[];
  /** One render spec per item, in the order of `view.items`; empty while there are problems. */
  specs: BatchItemSpec[];
}

/**
 * Resolves a batch built in the app into its items: every face × every script, named from the template, each checked
 * the way a render is (the face is in the library, its person agreed to be animated, the subject exists) before anything
 * is queued. Problems are collected, not thrown, so the builder can list them all while the user fixes them.
 */
export function planBatch(library: StudioLibrary, request: BatchRequest, { rendersDir, fileExists }: { rendersDir: string; fileExists(filePath: string): boolean }): BatchPlan {
  const outDir = request.outDir ?? rendersDir;
  const problems: BatchProblem[] = [];

  const faces = request.faces.flatMap(({ faceId, subject }) => {
    const face = library.getFace({ faceId });
    if (!face) {
      problems.push({ code: 'NOT_FOUND', message: `The face with id ${faceId} is no longer in the library.` });
      return [];
    }
    if (!face.consent) {
      problems.push({ code: 'NO_CONSENT', message: `Confirm that the person in "${face.name}" agreed to be animated (tick consent in the library).` });
    } else if (face.analysisStatus !== 'done' || face.subjects.length === 0) {
      problems.push({ code: 'BAD_INPUT', message: `No face was found in "${face.name}"; choose a picture with a clearly visible face.` });
    } else if (subject >= face.subjects.length) {
      problems.push({ code: 'BAD_INPUT', message: `"${face.name}" has ${face.subjects.length} face(s); there is no subject ${subject + 1}.` });
    }
    return [{ face, subject }];
  });

  const scripts = request.scriptIds.flatMap((scriptId) => {
    const script = library.getScript({ scriptId });
    if (!script) problems.push({ code: 'NOT_FOUND', message: `The script with id ${scriptId} is no longer in the library.` });
    return script ? [script] : [];
  });

  let custom: ResolvedCustomPreset | null = null;
  if (request.customPresetId !== undefined) {
    try {
      custom = resolveCustomPreset(library, request.customPresetId);
    } catch (error) {
      problems.push({ code: 'NOT_FOUND', message: (error as Error).message });
    }
  }
  const unknown = unknownTemplateFields(request.nameTemplate);
  if (unknown.length > 0) {
    problems.push({ code: 'BAD_INPUT', message: `The name template uses ${unknown.map((field) => `{${field}}`).join(', ')}, which it does not know; use {project}, {script}, {face}, {preset} or {n}.` });
  }

  const presetName = custom?.name ?? request.preset;
  const pairs = faces.flatMap(({ face, subject }) => scripts.map((script) => ({ face, subject, script })));
  const names = uniqueBatchNames(
    pairs.map(({ face, script }, index) =>
      expandNameTemplate(request.nameTemplate, { project: request.name, script: script.name, face: face.name, preset: presetName, n: String(index + 1) }),
    ),
  );
  const items: BatchPlanItemView[] = pairs.map(({ face, subject, script }, index) => {
    const outputPath = path.join(outDir, names[index]);
    return { faceId: face.id, faceName: face.name, subject, scriptId: script.id, scriptName: script.name, fileName: names[index], outputPath, exists: fileExists(outputPath) };
  });

  const specs =
    problems.length > 0
      ? []
      : pairs.map(({ face, subject, script }, index): BatchItemSpec => {
          const mouthFrom = mouthClipPath(library, face);
          return batchItemSpecSchema.parse({
            version: 1,
            kind: 'batch-item',
            title: names[index].replace(/\.mp4$/i, ''),
            origin: `batch "${request.name}", item ${index + 1} ("${script.name}" said by "${face.name}")`,
            outputPath: items[index].outputPath,
            face: { path: face.mediaPath, subject },
            source: { kind: 'say', text: script.text, voice: request.voice },
            preset: presetName,
            fps: custom?.fps ?? RENDER_FPS,
            captions: request.captions,
            label: request.label,
            ...(custom ? { customPreset: custom.settings } : {}),
            ...(mouthFrom ? { mouthFrom } : {}),
          });
        });
  return { view: { outDir, items, problems: problems.map((problem) => problem.message) }, problems, specs };
}
