/**
 * Quitting while a render runs: the first quit is held back while `prepare` runs (the queue stops the render and puts
 * it back in the queue, the library closes), then the app quits for real. A second quit during that wait is also held.
 * If preparing fails or hangs, the app still quits after `timeoutMs`: a stuck render must not keep the app alive.
 */
export function createQuitGuard({ prepare, quit, timeoutMs = 10_000, log = console.warn }: { prepare: () => Promise<void>; quit: () => void; timeoutMs?: number; log?: (message: string) => void }) {
  let state: 'running' | 'preparing' | 'ready' = 'running';
  return (event: { preventDefault(): void }): void => {
    if (state === 'ready') return;
    event.preventDefault();
    if (state === 'preparing') return;
    state = 'preparing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('[quit] renders did not stop in time; quitting anyway (they are requeued at the next start).');
        resolve();
      }, timeoutMs);
    });
    void Promise.race([prepare().catch((error: unknown) => log(`[quit] could not pause renders: ${String(error)}`)), timeout]).then(() => {
      clearTimeout(timer);
      state = 'ready';
      quit();
    });
  };
}
