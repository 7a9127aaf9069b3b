import { useCallback, useEffect, useRef, useState } from 'react';
import { useAutosave } from '../hooks/use-autosave';
import { usePlayback } from '../hooks/use-playback';
import { useShortcuts } from '../hooks/use-shortcuts';
import { useImport } from '../library/import-context';
import { useEditorActions, useStudioContext } from '../store/editor-store';
import { parseProject } from '../store/parse-project';
import { BatchBuilder } from './batch/BatchBuilder';
import { ErrorMessage } from './common/ErrorMessage';
import { Inspector } from './inspector/Inspector';
import { LibraryPanel } from './library/LibraryPanel';
import { RenderQueue } from './queue/RenderQueue';
import { useRenderJobs } from './queue/use-render-jobs';
import { StagePanel } from './stage/StagePanel';
import { Timeline } from './timeline/Timeline';
import { TopBar } from './top-bar/TopBar';
import { useRenderBlocker } from './use-render-blocker';

/** The editor layout: library left, stage and timeline in the middle, inspector and render queue right. */
export function Workspace() {
  const { studio, store } = useStudioContext();
  const actions = useEditorActions();
  const { chooseFiles } = useImport();
  const flushSave = useAutosave();
  const queue = useRenderJobs();
  const renderBlocker = useRenderBlocker();
  const [booting, setBooting] = useState(true);
  const [rendering, setRendering] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [buildingBatch, setBuildingBatch] = useState(false);
  const [exportOnFarm, setExportOnFarm] = useState(false);
  const batchOpened = useRef(false);
  if (buildingBatch) batchOpened.current = true;
  const onPlaybackError = useCallback((message: string) => setProblem(`Playback: ${message}`), []);

  usePlayback(onPlaybackError);
  useShortcuts();

  // Reopen exactly where the user left off.
  useEffect(() => {
    let cancelled = false;
    void studio.app.getLastProject().then((result) => {
      if (cancelled) return;
      if (!result.ok) setProblem(`The last project could not be reopened: ${result.error.message}`);
      else if (result.value) {
        const parsed = parseProject(result.value);
        if (parsed.ok) actions.load(parsed.project);
        else setProblem(parsed.message);
      }
      setBooting(false);
    });
    return () => {
      cancelled = true;
    };
  }, [studio, actions]);

  const openProject = useCallback(
    async (projectId: number) => {
      await flushSave();
      actions.setPlaying(false);
      const result = await studio.projects.get({ projectId });
      if (!result.ok) return setProblem(`That project could not be opened: ${result.error.message}`);
      const parsed = parseProject(result.value);
      if (parsed.ok) actions.load(parsed.project);
      else setProblem(parsed.message);
    },
    [studio, actions, flushSave],
  );

  const newProject = useCallback(async () => {
    await flushSave();
    actions.setPlaying(false);
    actions.newProject();
  }, [actions, flushSave]);

  const render = useCallback(async () => {
    setRendering(true);
    try {
      const projectId = await flushSave();
      if (projectId === null || store.getState().saveStatus === 'error') {
        setProblem('The project must be saved before it can be exported; see the message next to its name.');
        return;
      }
      // "On farm" counts only while a farm is set (forgotten since: the export renders here).
      const result = await studio.render.enqueue({ projectId, ...(exportOnFarm && queue.settings?.farmUrl ? { farm: true } : {}) });
      if (result.ok) queue.added(result.value);
      else setProblem(`The export could not be queued: ${result.error.message}`);
    } finally {
      setRendering(false);
    }
  }, [studio, store, flushSave, queue, exportOnFarm]);

  useEffect(
    () =>
      studio.on('menu', ({ command }) => {
        if (command === 'undo') actions.undo();
        else if (command === 'redo') actions.redo();
        else if (command === 'import') chooseFiles();
        else if (command === 'save') void flushSave();
        else if (command === 'render' && !renderBlocker) void render();
      }),
    [studio, actions, chooseFiles, flushSave, render, renderBlocker],
  );

  return (
    <div className="workspace">
      <TopBar
        renderBlocker={renderBlocker}
        rendering={rendering}
        onRender={() => void render()}
        onBatch={() => setBuildingBatch(true)}
        onRetrySave={() => void flushSave()}
        farm={{ available: Boolean(queue.settings?.farmUrl), onFarm: exportOnFarm, setOnFarm: setExportOnFarm }}
      />
      {problem && (
        <div className="workspace-problem">
          <ErrorMessage title={problem} actions={<button type="button" className="button small" onClick={() => setProblem(null)}>Dismiss</button>} />
        </div>
      )}
      <LibraryPanel onOpenProject={(projectId) => void openProject(projectId)} onNewProject={() => void newProject()} />
      <main className="centre">
        <StagePanel booting={booting} />
        <Timeline />
      </main>
      <div className="right-column">
        <Inspector />
        <RenderQueue queue={queue} />
      </div>
      {/* Once opened the builder stays mounted, hidden, so closing it keeps the picks for next time. */}
      {batchOpened.current && <BatchBuilder hidden={!buildingBatch} farmUrl={queue.settings?.farmUrl ?? null} onClose={() => setBuildingBatch(false)} onQueued={queue.batchAdded} />}
    </div>
  );
}
