import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../../electron/contract/studio-api';
import { canOpenFilesWith } from './host-capabilities';

describe('host capabilities', () => {
  it('opens files only through the app preload, not over the browser bridge', () => {
    const preload = { app: {} } as unknown as StudioApi;
    const bridge = { app: {} } as unknown as StudioApi;
    expect(canOpenFilesWith(preload, { studio: preload })).toBe(true);
    expect(canOpenFilesWith(bridge, {})).toBe(false);
    expect(canOpenFilesWith(bridge, undefined)).toBe(false);
  });
});
