import { describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from './quit-guard';

const event = () => ({ preventDefault: vi.fn() });

describe('createQuitGuard', () => {
  it('holds the first quit until renders are paused, then quits once for real', async () => {
    let finish!: () => void;
    const prepare = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard({ prepare, quit });
    const first = event();
    guard(first);
    const second = event();
    guard(second);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(second.preventDefault).toHaveBeenCalled();
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    const last = event();
    guard(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway when pausing fails or hangs', async () => {
    const log = vi.fn();
    const failing = vi.fn();
    createQuitGuard({ prepare: () => Promise.reject(new Error('disk gone')), quit: failing, log })(event());
    await vi.waitFor(() => expect(failing).toHaveBeenCalled());
    const hanging = vi.fn();
    createQuitGuard({ prepare: () => new Promise(() => {}), quit: hanging, timeoutMs: 20, log })(event());
    await vi.waitFor(() => expect(hanging).toHaveBeenCalled());
    expect(log).toHaveBeenCalledTimes(2);
  });
});
