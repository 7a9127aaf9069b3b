import { useCallback, useEffect, useRef, useState } from 'react';
import type { BatchView, RenderJobView, RenderSettingsView, StudioError, StudioResult } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/** Newest first, as `render.list` answers. */
export function upsertJob(jobs: readonly RenderJobView[], job: RenderJobView): RenderJobView[] {
  const index = jobs.findIndex((item) => item.id === job.id);
  if (index < 0) return [job, ...jobs];
  return jobs.map((item, position) => (position === index ? job : item));
}

/** Batch progress is asked for again at most this often while its items report. */
const BATCH_REFRESH_MS = 400;

/** The render queue, loaded once and kept current from `job-state` events; batches and the parallel-renders setting beside it. */
export function useRenderJobs() {
  const studio = useStudioApi();
  const [jobs, setJobs] = useState<RenderJobView[]>([]);
  const [batches, setBatches] = useState<BatchView[]>([]);
  const [settings, setSettings] = useState<RenderSettingsView | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refreshBatches = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void studio.batch.list().then((result) => result.ok && setBatches(result.value));
    }, BATCH_REFRESH_MS);
  }, [studio]);

  useEffect(() => {
    let cancelled = false;
    void studio.render.list().then((result) => {
      if (cancelled) return;
      if (result.ok) setJobs((current) => result.value.reduce((merged, job) => (merged.some((item) => item.id === job.id) ? merged : [...merged, job]), current));
      else setError(result.error);
    });
    void studio.batch.list().then((result) => !cancelled && result.ok && setBatches(result.value));
    void studio.render.getSettings().then((result) => !cancelled && result.ok && setSettings(result.value));
    const unsubscribe = studio.on('job-state', (job) => {
      setJobs((current) => upsertJob(current, job));
      if (job.batchId !== null) refreshBatches();
    });
    return () => {
      cancelled = true;
      unsubscribe();
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = null;
    };
  }, [studio, refreshBatches]);

  const act = useCallback(async <T,>(run: () => Promise<StudioResult<T>>, then?: (value: T) => void) => {
    const result = await run();
    if (!result.ok) return setError(result.error);
    setError(null);
    const value = result.value;
    if (value && typeof value === 'object' && 'id' in value && 'status' in value) setJobs((current) => upsertJob(current, value as unknown as RenderJobView));
    then?.(value);
  }, []);

  const upsertBatch = (batch: BatchView) => setBatches((current) => (current.some((item) => item.id === batch.id) ? current.map((item) => (item.id === batch.id ? batch : item)) : [batch, ...current]));

  return {
    jobs,
    batches,
    settings,
    error,
    dismissError: () => setError(null),
    added: (job: RenderJobView) => setJobs((current) => upsertJob(current, job)),
    batchAdded: upsertBatch,
    cancel: (renderId: number) => void act(() => studio.render.cancel({ renderId })),
    retry: (renderId: number) => void act(() => studio.render.retry({ renderId })),
    open: (renderId: number) => void act(() => studio.render.openOutput({ renderId })),
    reveal: (renderId: number) => void act(() => studio.render.reveal({ renderId })),
    cancelAll: () => void act(() => studio.render.cancelAll(), refreshBatches),
    cancelBatch: (batchId: number) => void act(() => studio.batch.cancel({ batchId }), upsertBatch),
    retryBatch: (batchId: number) => void act(() => studio.batch.retryFailed({ batchId }), upsertBatch),
    setConcurrency: (concurrency: number) => void act(() => studio.render.setConcurrency({ concurrency }), setSettings),
    setFarm: (farmUrl: string | null, mediaAddress?: string, caPath?: string) =>
      void act(() => studio.render.setFarm({ farmUrl, mediaAddress: mediaAddress || null, caPath: caPath || null }), setSettings),
  };
}

export type RenderJobs = ReturnType<typeof useRenderJobs>;
