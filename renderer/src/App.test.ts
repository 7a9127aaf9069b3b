import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../electron/contract/studio-api';
import { App } from './App';

const TEST_IDS = ['library-panel', 'import-input', 'drop-zone', 'stage', 'timeline', 'play', 'undo', 'redo', 'render-button', 'preset-select', 'queue'];

describe('App', () => {
  it('says clearly when it runs without the bridge', () => {
    const html = renderToStaticMarkup(createElement(App, { studio: undefined }));
    expect(html).toContain('<h1>Mouthpiece</h1>');
    expect(html).toContain('Not connected to the Mouthpiece app');
    expect(html).not.toContain('data-testid="stage"');
  });

  it('lays out the editor with every part the tests and users reach for', () => {
    const studio = { on: () => () => {} } as unknown as StudioApi;
    const html = renderToStaticMarkup(createElement(App, { studio }));
    for (const id of TEST_IDS) expect(html).toContain(`data-testid="${id}"`);
    // Nothing can be undone or exported in a fresh editor, and it says what to do first.
    expect(html).toMatch(/data-testid="undo" disabled=""/);
    expect(html).toMatch(/data-testid="render-button" disabled=""/);
    expect(html).toContain('Put a face on the stage first');
    expect(html).toContain('Opening your last project');
  });
});
