import { createEmptyProjectDocument } from '../../contract/project-document';
import type { StudioHandlers } from '../../contract/studio-api';
import { toScriptSummary } from '../library-views';
import { StudioFailure } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';
import { requireProject, toProjectColumns, toProjectSummary, toProjectView } from './project-views';

type ProjectHandlers = Pick<
  StudioHandlers,
  'app.getLastProject' | 'projects.list' | 'projects.create' | 'projects.get' | 'projects.save' | 'scripts.create' | 'scripts.update'
>;

/** Projects (created, loaded, saved continuously, restored at start) and scripts typed in the studio. */
export function createProjectHandlers({ engine, emit }: StudioHandlerDeps): ProjectHandlers {
  async function requireScript(scriptId: number) {
    const library = await engine.library();
    if (!library.getScript({ scriptId })) throw new StudioFailure('NOT_FOUND', `There is no script with id ${scriptId}.`);
    return library;
  }

  return {
    // The project saved last is the one the user was working on: the library keeps projects ordered by updatedAt.
    'app.getLastProject': async () => {
      const [latest] = (await engine.library()).listProjects();
      return latest ? toProjectView(latest) : null;
    },

    'projects.list': async () => (await engine.library()).listProjects().map(toProjectSummary),

    'projects.create': async ({ name, document }) => {
      const project = (await engine.library()).createProject({ name, ...toProjectColumns(document ?? createEmptyProjectDocument()) });
      emit('library-changed', { reason: 'project' });
      return toProjectView(project);
    },

    'projects.get': async ({ projectId }) => toProjectView((await requireProject(engine, projectId)).project),

    'projects.save': async ({ projectId, document, name }) => {
      const { library } = await requireProject(engine, projectId);
      const saved = library.updateProject({ projectId, name, ...toProjectColumns(document) });
      if (name !== undefined) emit('library-changed', { reason: 'project' });
      return toProjectSummary(saved);
    },

    'scripts.create': async ({ name, text }) => {
      const script = (await engine.library()).createScript({ name, text });
      emit('library-changed', { reason: 'script' });
      return toScriptSummary(script);
    },

    'scripts.update': async ({ scriptId, text }) => {
      const script = (await requireScript(scriptId)).updateScript({ scriptId, text });
      emit('library-changed', { reason: 'script' });
      return toScriptSummary(script);
    },
  };
}
