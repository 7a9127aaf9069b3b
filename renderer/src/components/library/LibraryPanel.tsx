import { useEffect, useRef, useState } from 'react';
import { clipLengthSec } from '../../../../electron/contract/project-document';
import type { LibraryEntryKind } from '../../../../electron/contract/types';
import { useLibraryData } from '../../library/library-context';
import { useLibrarySearch } from '../../library/use-library-search';
import { useSample } from '../../library/use-sample';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { addClip } from '../../timeline/commands';
import type { TimelineDragEntry } from '../../timeline/library-drag';
import { nearestFreeStart } from '../../timeline/timeline-geometry';
import { useClipFactory } from '../../timeline/use-clip-factory';
import { ErrorMessage } from '../common/ErrorMessage';
import { FaceEntry } from './FaceEntry';
import { LibraryImport } from './LibraryImport';
import { LibrarySection } from './LibrarySection';
import { NewScriptForm } from './NewScriptForm';
import { ProjectEntry } from './ProjectEntry';
import { ScriptEntry } from './ScriptEntry';
import { VoiceEntry } from './VoiceEntry';

const FILTERS = ['all', 'faces', 'voices', 'scripts', 'projects'] as const;
type Filter = (typeof FILTERS)[number];
const FILTER_LABELS: Record<Filter, string> = { all: 'All', faces: 'Faces', voices: 'Voices', scripts: 'Scripts', projects: 'Projects' };

interface LibraryPanelProps {
  onOpenProject(projectId: number): void;
  onNewProject(): void;
}

/** Faces, voices, scripts and projects: import, search, rename, delete, and the way onto the stage and timeline. */
export function LibraryPanel({ onOpenProject, onNewProject }: LibraryPanelProps) {
  const { listing, projects, library, refreshProjects } = useLibraryData();
  const projectId = useEditor((state) => state.projectId);
  const { studio, store } = useStudioContext();
  const actions = useEditorActions();
  const makeClip = useClipFactory();
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [writingScript, setWritingScript] = useState(false);
  const sample = useSample();
  useEffect(() => {
    if (sample.error) setError(sample.error);
  }, [sample.error]);
  const scrollArea = useRef<HTMLDivElement>(null);

  // File › Open… in the app menu: show the projects and put the keyboard on the first one.
  useEffect(
    () =>
      studio.on('menu', ({ command }) => {
        if (command !== 'open') return;
        setQuery('');
        setFilter('projects');
        requestAnimationFrame(() => scrollArea.current?.querySelector<HTMLButtonElement>('[data-testid="project-item"] .entry-name')?.focus());
      }),
    [studio],
  );

  const hits = useLibrarySearch(query);
  // Names filter at once; the library's search adds entries whose transcript or text matches.
  const matches = (kind: LibraryEntryKind, id: number, ...texts: string[]) =>
    hits.has(kind, id) || texts.some((text) => text.toLowerCase().includes(query.trim().toLowerCase()));
  const faces = (listing?.faces ?? []).filter((face) => matches('face', face.id, face.name));
  const voices = (listing?.voices ?? []).filter((voice) => matches('voice', voice.id, voice.name));
  const scripts = (listing?.scripts ?? []).filter((script) => matches('script', script.id, script.name, script.preview));
  const shownProjects = projects.filter((project) => matches('project', project.id, project.name));
  const show = (section: Filter) => filter === 'all' || filter === section;

  const addAtPlayhead = async (entry: TimelineDragEntry) => {
    try {
      const state = store.getState();
      const subject = state.doc.selectedSubject;
      const clip = await makeClip(entry, state.playheadSec);
      const doc = store.getState().doc;
      const others = doc.tracks.find((track) => track.subject === subject)?.clips ?? [];
      const placed = { ...clip, start: nearestFreeStart(others, clip.start, clipLengthSec(clip)) };
      actions.execute(addClip(subject, placed));
      actions.selectClip(placed.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <aside className="library-panel" data-testid="library-panel" aria-label="Library">
      <div className="panel-header">
        <span className="panel-title">Library</span>
        <button type="button" className="button small" onClick={onNewProject} title="Start a new, empty project">
          New project
        </button>
      </div>
      <LibraryImport />
      <div className="library-tools">
        <input type="search" className="search" placeholder="Search the library" aria-label="Search the library" value={query} onChange={(event) => setQuery(event.target.value)} />
        <div className="tabs" role="tablist" aria-label="Show">
          {FILTERS.map((item) => (
            <button key={item} type="button" role="tab" aria-selected={filter === item} className={filter === item ? 'active' : ''} onClick={() => setFilter(item)}>
              {FILTER_LABELS[item]}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <ErrorMessage title="That did not work" actions={<button type="button" className="button small" onClick={() => setError(null)}>Dismiss</button>}>
          {error}
        </ErrorMessage>
      )}
      {library.status === 'error' && <ErrorMessage title="The library could not be opened">{library.error.message}</ErrorMessage>}
      <div className="library-scroll" ref={scrollArea}>
        {library.status === 'loading' && <p className="quiet-empty">Loading the library…</p>}
        {show('faces') && (
          <LibrarySection title="Faces" count={faces.length} empty={query ? 'No face matches.' : 'Photos and videos of people you import appear here.'}>
            {faces.map((face) => (
              <FaceEntry key={face.id} face={face} onError={setError} />
            ))}
          </LibrarySection>
        )}
        {show('voices') && (
          <LibrarySection
            title="Voices"
            count={voices.length}
            empty={query ? 'No voice matches.' : 'Import a voice recording (WAV, MP3, M4A) to lip-sync to it.'}
            action={
              !voices.some((voice) => voice.publicDomain) && (
                <button type="button" className="button small" data-testid="add-sample-voice" onClick={() => void sample.addVoice()} disabled={sample.busy} title="A public-domain recording (LJ Speech) to try lip-sync with">
                  + Sample voice
                </button>
              )
            }
          >
            {voices.map((voice) => (
              <VoiceEntry key={voice.id} voice={voice} excerpt={hits.excerpt('voice', voice.id)} onAdd={() => void addAtPlayhead({ kind: 'voice', id: voice.id })} onError={setError} />
            ))}
          </LibrarySection>
        )}
        {show('scripts') && (
          <LibrarySection
            title="Scripts"
            count={scripts.length}
            empty={query ? 'No script matches.' : 'Import a .txt file or write one here to have a built-in voice say it.'}
            action={
              !writingScript && (
                <button type="button" className="button small" onClick={() => setWritingScript(true)}>
                  + New
                </button>
              )
            }
            before={writingScript && <NewScriptForm onDone={() => setWritingScript(false)} />}
          >
            {scripts.map((script) => (
              <ScriptEntry key={script.id} script={script} excerpt={hits.excerpt('script', script.id)} onAdd={() => void addAtPlayhead({ kind: 'script', id: script.id })} onError={setError} />
            ))}
          </LibrarySection>
        )}
        {show('projects') && (
          <LibrarySection title="Projects" count={shownProjects.length} empty={query ? 'No project matches.' : 'Your work is saved here as you go.'}>
            {shownProjects.map((project) => (
              <ProjectEntry
                key={project.id}
                project={project}
                open={project.id === projectId}
                onOpen={() => onOpenProject(project.id)}
                onDeleted={() => {
                  refreshProjects();
                  if (project.id === projectId) onNewProject();
                }}
                onError={setError}
              />
            ))}
          </LibrarySection>
        )}
      </div>
    </aside>
  );
}
