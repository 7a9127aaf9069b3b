import { describe, expect, it } from 'vitest';
import { createAppLocation, isTrustedSender, PACKAGED_ENTRY_URL } from './app-location';

describe('createAppLocation', () => {
  it('uses the app protocol when packaged', () => {
    const location = createAppLocation(undefined);
    expect(location.entryUrl).toBe('mouthpiece://app/index.html');
    expect(location.origin).toBe('mouthpiece://app');
    expect(location.isAppUrl('mouthpiece://app/index.html#/library')).toBe(true);
    expect(location.isAppUrl('mouthpiece://APP/assets/x.js')).toBe(true);
    expect(location.isAppUrl('mouthpiece://other/index.html')).toBe(false);
    expect(location.isAppUrl('mouthpiece-media://app/index.html')).toBe(false);
    expect(location.isAppUrl('file:///opt/Mouthpiece/index.html')).toBe(false);
    expect(location.isAppUrl('https://app/index.html')).toBe(false);
    expect(location.isAppUrl('mouthpiece://user@app/index.html')).toBe(false);
    expect(location.isAppUrl('not a url')).toBe(false);
  });

  it('uses a loopback dev server, port included', () => {
    const location = createAppLocation('http://localhost:5173/');
    expect(location.entryUrl).toBe('http://localhost:5173/');
    expect(location.origin).toBe('http://localhost:5173');
    expect(location.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl(PACKAGED_ENTRY_URL)).toBe(false);
  });

  it('ignores a dev server URL that is not loopback http', () => {
    expect(createAppLocation('https://evil.example/').entryUrl).toBe(PACKAGED_ENTRY_URL);
    expect(createAppLocation('http://192.168.1.5:5173/').entryUrl).toBe(PACKAGED_ENTRY_URL);
    expect(createAppLocation('javascript:alert(1)').entryUrl).toBe(PACKAGED_ENTRY_URL);
  });
});

describe('isTrustedSender', () => {
  const location = createAppLocation(undefined);
  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: 'mouthpiece://app/index.html', parent: null }, location)).toBe(true);
    expect(isTrustedSender({ url: 'mouthpiece://app/index.html', parent: {} }, location)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, location)).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', parent: null }, location)).toBe(false);
    expect(isTrustedSender(null, location)).toBe(false);
    expect(isTrustedSender(undefined, location)).toBe(false);
  });
});
