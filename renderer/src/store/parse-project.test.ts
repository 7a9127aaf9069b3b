import { describe, expect, it } from 'vitest';
import { createEmptyProjectDocument } from '../../../electron/contract/project-document';
import type { ProjectView } from '../../../electron/contract/types';
import { parseProject } from './parse-project';

const view = (document: unknown): ProjectView => ({ id: 4, name: 'Demo', createdAt: '', updatedAt: '', document: document as ProjectView['document'] });

describe('parseProject', () => {
  it('takes a valid document as it is', () => {
    expect(parseProject(view(createEmptyProjectDocument()))).toEqual({ ok: true, project: { id: 4, name: 'Demo', document: createEmptyProjectDocument() } });
  });

  it('refuses a damaged document and says where', () => {
    const result = parseProject(view({ ...createEmptyProjectDocument(), selectedSubject: -1 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/“Demo” could not be opened: .* at selectedSubject/);
    expect(parseProject(view(null)).ok).toBe(false);
  });
});
