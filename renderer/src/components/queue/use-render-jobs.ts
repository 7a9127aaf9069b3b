import { useCallback, useEffect, useState } from 'react';
import type { RenderJobView, StudioError } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/** Newest first, as `render.list` answers. */
export function upsertJob(jobs: readonly RenderJobView[], job: RenderJobView): RenderJobView[] {
  const index = jobs.findIndex((item) => item.id === job.id);
  if (index < 0) return [job, ...jobs];
  return jobs.map((item, position) => (position === index ? job : item));
}

/** The render queue, loaded once and kept current from `job-state` events. */
export function useRenderJobs() {
  const studio = useStudioApi();
  const [jobs, setJobs] = useState<RenderJobView[]>([]);
  const [error, setError] = useState<StudioError | null>(null);

  useEffect(() => {
    let cancelled = false;
    void studio.render.list().then((result) => {
      if (cancelled) return;
      if (result.ok) setJobs((current) => result.value.reduce((merged, job) => (merged.some((item) => item.id === job.id) ? merged : [...merged, job]), current));
      else setError(result.error);
    });
    const unsubscribe = studio.on('job-state', (job) => setJobs((current) => upsertJob(current, job)));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [studio]);

  const act = useCallback(
    async (run: () => Promise<{ ok: true; value: RenderJobView | { ok: true } } | { ok: false; error: StudioError }>) => {
      const result = await run();
      if (!result.ok) return setError(result.error);
      setError(null);
      const value = result.value;
      if ('id' in value) setJobs((current) => upsertJob(current, value));
    },
    [],
  );

  return {
    jobs,
    error,
    dismissError: () => setError(null),
    added: (job: RenderJobView) => setJobs((current) => upsertJob(current, job)),
    cancel: (renderId: number) => void act(() => studio.render.cancel({ renderId })),
    retry: (renderId: number) => void act(() => studio.render.retry({ renderId })),
    open: (renderId: number) => void act(() => studio.render.openOutput({ renderId })),
    reveal: (renderId: number) => void act(() => studio.render.reveal({ renderId })),
  };
}

export type RenderJobs = ReturnType<typeof useRenderJobs>;
