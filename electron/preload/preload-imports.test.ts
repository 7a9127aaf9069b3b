import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// A sandboxed preload can require only 'electron' (and a few polyfilled built-ins); everything else must be bundled
// from our own dependency-free modules. This keeps Node built-ins and schema libraries out of it.
const ALLOWED_VALUE_IMPORTS: Record<string, string[]> = {
  'index.ts': ['electron', './studio-bridge'],
  'studio-bridge.ts': ['../contract/channels'],
};

function valueImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\s)[^'"]*from\s+'([^']+)'/gm)].map((match) => match[1]);
}

describe('preload imports', () => {
  it.each(Object.entries(ALLOWED_VALUE_IMPORTS))('%s imports only what a sandboxed preload may', (file, allowed) => {
    const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
    expect(valueImports(source).sort()).toEqual([...allowed].sort());
  });

  it('the contract channels it bundles import nothing at run time', () => {
    const source = readFileSync(new URL('../contract/channels.ts', import.meta.url), 'utf8');
    expect(valueImports(source)).toEqual([]);
  });
});
