import { projectDocumentSchema, type ProjectDocument } from '../../../electron/contract/project-document';
import type { ProjectView } from '../../../electron/contract/types';

export type ParsedProject = { ok: true; project: { id: number; name: string; document: ProjectDocument } } | { ok: false; message: string };

/**
 * Checks a project read back from the library before the editor takes it: a document written by another version, or
 * damaged on disk, is refused with a reason instead of breaking the editor halfway.
 */
export function parseProject(view: ProjectView): ParsedProject {
  const parsed = projectDocumentSchema.safeParse(view.document);
  if (parsed.success) return { ok: true, project: { id: view.id, name: view.name, document: parsed.data } };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, message: `“${view.name}” could not be opened: its saved document is not valid${where} (${issue?.message ?? 'unknown problem'}).` };
}
