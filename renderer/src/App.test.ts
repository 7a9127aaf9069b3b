import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../electron/contract/studio-api';
import type { LibraryListing } from '../../electron/contract/types';
import { App } from './App';
import { LibraryList } from './components/LibraryList';

describe('App', () => {
  it('says clearly when it runs without the bridge', () => {
    const html = renderToStaticMarkup(createElement(App, { studio: undefined }));
    expect(html).toContain('<h1>Mouthpiece</h1>');
    expect(html).toContain('Not connected to the Mouthpiece app');
    expect(html).not.toContain('Drop a photo here');
  });

  it('teaches the first step while the library is empty or loading', () => {
    const studio = { on: () => () => {} } as unknown as StudioApi;
    const html = renderToStaticMarkup(createElement(App, { studio }));
    expect(html).toContain('Drop a photo here');
    expect(html).toContain('Choose files…');
  });
});

describe('LibraryList', () => {
  it('shows faces with their picture, analysis and consent, then voices and scripts', () => {
    const listing: LibraryListing = {
      faces: [
        { id: 1, name: 'Ana', kind: 'photo', mediaUrl: 'mouthpiece-media://library/ab/abcd.png', width: 512, height: 512, durationSec: null, consent: true, subjectCount: 2, addedAt: '' },
        { id: 2, name: 'Clip', kind: 'video', mediaUrl: null, width: null, height: null, durationSec: 42, consent: false, subjectCount: null, addedAt: '' },
      ],
      voices: [{ id: 3, name: 'English', mediaUrl: null, builtin: true, durationSec: null, addedAt: '' }],
      scripts: [{ id: 4, name: 'Welcome', preview: 'Hello there', wordCount: 2, addedAt: '' }],
    };
    const html = renderToStaticMarkup(createElement(LibraryList, { listing, onConsent: () => {} }));
    expect(html).toContain('src="mouthpiece-media://library/ab/abcd.png"');
    expect(html).toContain('2 faces');
    expect(html).toContain('Not analysed yet · 0:42');
    expect(html).toMatch(/<input type="checkbox" checked=""/);
    expect(html).toContain('Built-in voice');
    expect(html).toContain('2 words');
  });
});
