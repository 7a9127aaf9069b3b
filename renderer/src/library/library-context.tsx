import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BuiltinVoiceView, FaceSummary, LibraryListing, ProjectSummary, VoiceSummary } from '../../../electron/contract/types';
import { useStudioApi } from '../store/editor-store';
import { useLibrary, useProgress, type LibraryState } from './use-library';

export interface LibraryData {
  library: LibraryState;
  listing: LibraryListing | null;
  projects: ProjectSummary[];
  builtinVoices: BuiltinVoiceView[];
  progress: ReturnType<typeof useProgress>;
  refreshProjects(): void;
  faceById(id: number | null): FaceSummary | null;
  voiceById(id: number): VoiceSummary | null;
}

const LibraryContext = createContext<LibraryData | null>(null);

/** Loads the library once for the whole editor and keeps it current from main's events. */
export function LibraryProvider({ children }: { children: ReactNode }) {
  const studio = useStudioApi();
  const library = useLibrary(studio);
  const progress = useProgress(studio);
  const [projects, setProjects] = useState<ProjectSummary[]>([]);
  const [builtinVoices, setBuiltinVoices] = useState<BuiltinVoiceView[]>([]);

  const refreshProjects = useCallback(() => {
    void studio.projects.list().then((result) => result.ok && setProjects(result.value));
  }, [studio]);

  useEffect(() => {
    refreshProjects();
    void studio.voices.list().then((result) => result.ok && setBuiltinVoices(result.value));
    return studio.on('library-changed', (event) => {
      if (event.reason === 'project' || event.reason === 'rename' || event.reason === 'delete') refreshProjects();
    });
  }, [studio, refreshProjects]);

  const listing = library.status === 'ready' ? library.listing : null;
  const value = useMemo<LibraryData>(
    () => ({
      library,
      listing,
      projects,
      builtinVoices,
      progress,
      refreshProjects,
      faceById: (id) => listing?.faces.find((face) => face.id === id) ?? null,
      voiceById: (id) => listing?.voices.find((voice) => voice.id === id) ?? null,
    }),
    [library, listing, projects, builtinVoices, progress, refreshProjects],
  );
  return <LibraryContext.Provider value={value}>{children}</LibraryContext.Provider>;
}

export function useLibraryData(): LibraryData {
  const value = useContext(LibraryContext);
  if (!value) throw new Error('useLibraryData outside <LibraryProvider>');
  return value;
}
