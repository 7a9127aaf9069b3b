import { describe, expect, it } from 'vitest';
import { createAppLocation } from './app-location';
import { isAllowedNetworkRequest } from './request-policy';

describe('isAllowedNetworkRequest', () => {
  it('allows nothing on the network for the packaged app', () => {
    const location = createAppLocation(undefined);
    expect(isAllowedNetworkRequest('mouthpiece://app/index.html', location)).toBe(true);
    expect(isAllowedNetworkRequest('https://example.com/track.gif', location)).toBe(false);
    expect(isAllowedNetworkRequest('http://localhost:5173/', location)).toBe(false);
    expect(isAllowedNetworkRequest('ws://localhost:5173/', location)).toBe(false);
  });

  it('allows the dev server and its websocket in development, nothing else', () => {
    const location = createAppLocation('http://localhost:5173/');
    expect(isAllowedNetworkRequest('http://localhost:5173/src/main.tsx', location)).toBe(true);
    expect(isAllowedNetworkRequest('ws://localhost:5173/?token=abc', location)).toBe(true);
    expect(isAllowedNetworkRequest('ws://localhost:9999/', location)).toBe(false);
    expect(isAllowedNetworkRequest('https://localhost:5173/', location)).toBe(false);
    expect(isAllowedNetworkRequest('https://cdn.example.com/react.js', location)).toBe(false);
  });
});
