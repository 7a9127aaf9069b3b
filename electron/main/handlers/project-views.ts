import { projectDocumentSchema, type ProjectDocument } from '../../contract/project-document';
import type { ProjectSummary, ProjectView } from '../../contract/types';
import type { LibraryProject } from '../engine-facade';
import { StudioFailure } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';

/*
 * The library stores a project as three opaque JSON columns. The document is split over them so the columns mean
 * what their names say: stage → `stage`, tracks → `timeline`, everything else → `settings`.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function toProjectColumns(document: ProjectDocument): { stage: Json; timeline: Json; settings: Json } {
  const { stage, tracks, version, subjects, export: exportSettings, selectedSubject } = document;
  return {
    stage: stage as Json,
    timeline: { tracks } as unknown as Json,
    settings: { version, subjects, export: exportSettings, selectedSubject } as unknown as Json,
  };
}

export function toProjectSummary(project: LibraryProject): ProjectSummary {
  return { id: project.id, name: project.name, createdAt: project.createdAt, updatedAt: project.updatedAt };
}

/** Reads a stored project back; a document this version cannot read is reported, never half-loaded. */
export function toProjectView(project: LibraryProject): ProjectView {
  const timeline = (project.timeline ?? {}) as { tracks?: unknown };
  const settings = (project.settings ?? {}) as Record<string, unknown>;
  const parsed = projectDocumentSchema.safeParse({ ...settings, stage: project.stage, tracks: timeline.tracks });
  if (!parsed.success) {
    throw new StudioFailure('BAD_INPUT', `Project "${project.name}" was saved in a form this version of Mouthpiece cannot read.`);
  }
  return { ...toProjectSummary(project), document: parsed.data };
}

/** The library and the stored project `projectId`; NOT_FOUND when there is no such project. */
export async function requireProject(engine: StudioHandlerDeps['engine'], projectId: number) {
  const library = await engine.library();
  const project = library.getProject({ projectId });
  if (!project) throw new StudioFailure('NOT_FOUND', `There is no project with id ${projectId}.`);
  return { library, project };
}
