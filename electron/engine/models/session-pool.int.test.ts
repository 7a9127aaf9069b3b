import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../install-layout.js';
import { EngineError } from '../errors.js';
import { candidateProviders, parseProviderPreference } from './execution-providers.js';
import { verifiedModelPath } from './model-files.js';
import { SessionPool } from './session-pool.js';

const real = defaultModelPaths();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-models-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model files are checked against the manifest before use', () => {
  it('accepts the generated models', async () => {
    expect(await verifiedModelPath(real, 'iris')).toBe(join(real.modelsDir, 'iris.onnx'));
  });

  it('refuses a model whose bytes differ from the recorded SHA-256, and loads nothing', async () => {
    copyFileSync(real.manifestPath, join(dir, 'manifest.json'));
    const bytes = readFileSync(join(real.modelsDir, 'iris.onnx'));
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(join(dir, 'iris.onnx'), bytes);
    const location = { modelsDir: dir, manifestPath: join(dir, 'manifest.json') };
    await expect(verifiedModelPath(location, 'iris')).rejects.toMatchObject({ code: 'MODEL_CORRUPT' });
    await expect(new SessionPool(location).get('iris')).rejects.toBeInstanceOf(EngineError);
  });

  it('says how to rebuild a missing model, and refuses names the manifest does not list', async () => {
    const location = { modelsDir: join(dir, 'empty'), manifestPath: real.manifestPath };
    await expect(verifiedModelPath(location, 'facemesh')).rejects.toThrow(/npm run build:models/);
    await expect(verifiedModelPath(real, 'wav2lip')).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });
});

describe('session pool', () => {
  it('shares one CPU session per model between callers', async () => {
    const pool = new SessionPool(real);
    const [a, b] = await Promise.all([pool.get('blazeface'), pool.get('blazeface')]);
    expect(a.session).toBe(b.session);
    expect(a.provider).toBe('cpu');
    expect(a.session.inputNames).toEqual(['image']);
    await pool.release();
  });

  it('falls back to CPU when a requested provider cannot load', async () => {
    const pool = new SessionPool({ ...real, providers: ['coreml', 'cpu'] });
    expect((await pool.get('iris')).provider).toBe('cpu');
    await pool.release();
  });
});

describe('execution provider choice', () => {
  it('offers what the platform has, always ending with CPU', () => {
    expect(candidateProviders('linux', ['cpu', 'cuda'])).toEqual(['cuda', 'cpu']);
    expect(candidateProviders('linux', ['cpu'])).toEqual(['cpu']);
    expect(candidateProviders('win32', ['cpu', 'dml'])).toEqual(['dml', 'cpu']);
    expect(candidateProviders('darwin', ['cpu', 'coreml'])).toEqual(['coreml', 'cpu']);
  });

  it('parses a preference and rejects typos', () => {
    expect(parseProviderPreference(undefined)).toBe('auto');
    expect(parseProviderPreference('CUDA, cpu')).toEqual(['cuda', 'cpu']);
    expect(() => parseProviderPreference('cuda,gpu')).toThrow(/gpu/);
  });
});
