import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createFileResponse, parseByteRange } from './file-response';

describe('parseByteRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
  ])('%s of 1000 bytes', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it.each([[null], [''], ['bytes=-'], ['bytes=0-1,5-9'], ['items=0-1'], ['bytes=9-3'], ['bytes=a-b']])('ignores %s', (header) => {
    expect(parseByteRange(header, 1000)).toBeNull();
  });

  it.each([['bytes=1000-'], ['bytes=5000-6000'], ['bytes=-0']])('refuses %s as unsatisfiable', (header) => {
    expect(parseByteRange(header, 1000)).toBe('unsatisfiable');
  });
});

describe('createFileResponse', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-file-'));
    file = path.join(dir, 'clip.mp4');
    await writeFile(file, Buffer.from('0123456789'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('streams the whole file with its type and the extra headers', async () => {
    const response = await createFileResponse(file, { headers: { 'Cache-Control': 'no-store' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('0123456789');
  });

  it('serves a byte range as 206', async () => {
    const response = await createFileResponse(file, { rangeHeader: 'bytes=2-5' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await response.text()).toBe('2345');
  });

  it('answers 416, 404, 405 and HEAD', async () => {
    expect((await createFileResponse(file, { rangeHeader: 'bytes=10-' })).status).toBe(416);
    expect((await createFileResponse(path.join(dir, 'missing.mp4'))).status).toBe(404);
    expect((await createFileResponse(dir)).status).toBe(404);
    expect((await createFileResponse(file, { method: 'POST' })).status).toBe(405);
    const head = await createFileResponse(file, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10');
    expect(await head.text()).toBe('');
  });

  it('knows the types the studio uses', () => {
    expect(contentTypeFor('/x/a.JPG')).toBe('image/jpeg');
    expect(contentTypeFor('/x/a.wav')).toBe('audio/wav');
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
