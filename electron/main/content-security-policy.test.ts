import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './content-security-policy';

function parse(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((directive) => {
    const [name, ...sources] = directive.trim().split(/\s+/);
    return [name, sources] as [string, string[]];
  }));
}

describe('buildContentSecurityPolicy', () => {
  const production = parse(buildContentSecurityPolicy());

  it('allows scripts and styles only from the app itself', () => {
    expect(production.get('default-src')).toEqual(["'self'"]);
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(production.get('style-src')).toEqual(["'self'"]);
    expect(buildContentSecurityPolicy()).not.toMatch(/unsafe-(inline|eval)|\*|https?:/);
  });

  it('shuts plugins, base rewriting, forms, frames and framing', () => {
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'none'"]);
    expect(production.get('frame-src')).toEqual(["'none'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets media come from the library scheme only (plus in-memory data/blob)', () => {
    expect(production.get('img-src')).toEqual(["'self'", 'mouthpiece-media:', 'data:', 'blob:']);
    expect(production.get('media-src')).toEqual(["'self'", 'mouthpiece-media:', 'blob:']);
    expect(production.get('connect-src')).toEqual(["'self'", 'mouthpiece-media:']);
  });

  it('leaves frame-ancestors out of the <meta> variant, where browsers ignore it', () => {
    const meta = parse(buildContentSecurityPolicy({ delivery: 'meta' }));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect([...meta.keys()]).toEqual([...production.keys()].filter((name) => name !== 'frame-ancestors'));
  });

  it('relaxes only what the dev server needs', () => {
    const dev = parse(buildContentSecurityPolicy({ dev: true }));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'mouthpiece-media:', 'ws://localhost:*', 'ws://127.0.0.1:*']);
    for (const name of ['default-src', 'img-src', 'media-src', 'object-src', 'base-uri', 'frame-ancestors']) expect(dev.get(name)).toEqual(production.get(name));
  });

  it('is exactly the policy in renderer/index.html', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(buildContentSecurityPolicy({ delivery: 'meta' }));
  });
});
