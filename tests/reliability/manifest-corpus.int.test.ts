import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchManifest } from '../../electron/engine/batch/batch-manifest.js';
import { planOutputNames } from '../../electron/engine/batch/output-names.js';
import { openLibrary } from '../../electron/engine/library/index.js';
import { media, runCli } from '../helpers/run-cli';

/*
 * Manifests a careless user writes, through the real CLI: each refused before anything runs with exit 2 and one line
 * naming the manifest and the problem; the manifest stays byte-identical, no output folder appears, and the library
 * holds no batch. Manifests that are odd but valid (BOM, CRLF, quoted line breaks, repeated names) read correctly.
 */

const FACE = media('images/portrait_tiny_glasses_beard_cc0.png');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-manifest-corpus-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const rowsOf = (count: number) => Array.from({ length: count }, (_, i) => `${FACE},Line ${i + 1}.,v${i + 1}`).join('\n');

const refused: [name: string, file: string, content: string | null, message: RegExp][] = [
  ['an empty file', 'empty.csv', '', /empty\.csv: the manifest lists no videos\.$/],
  ['a header only', 'header.csv', 'face,script\r\n', /header\.csv: the manifest lists no videos\.$/],
  ['an unknown column', 'colour.csv', `face,script,colour\n${FACE},Hi.,red\n`, /colour\.csv header: unknown column "colour"; the columns are face, subject/],
  ['a column twice', 'twice.csv', `face,script,face\n${FACE},Hi.,${FACE}\n`, /twice\.csv header: the column "face" appears twice\.$/],
  ['a quote never closed', 'quote.csv', `face,script\n${FACE},"Hi.\n${FACE},Ho.\n`, /quote\.csv: line 2: a quoted field is never closed/],
  ['a JSON object instead of an array', 'object.json', '{"face":"a.png","script":"Hi"}', /object\.json: a JSON manifest is an array of objects, one per video\.$/],
  ['JSON cut short', 'cut.json', '[{"face":"a.png","scr', /cut\.json: not valid JSON/],
  ['more than 10,000 rows', 'huge.csv', `face,script,name\n${rowsOf(10_001)}\n`, /huge\.csv: 10001 items; a batch holds at most 10000\.$/],
  ['a folder, not a file', 'folder.csv', null, /folder\.csv: is a folder, not a manifest/],
  ['a missing manifest', 'missing.csv', undefined as unknown as null, /missing\.csv: no such manifest file\.$/],
];

describe('manifest corpus (CLI)', () => {
  it.each(refused)('%s: exit 2, one line naming the manifest, nothing written, manifest untouched', async (_name, file, content, message) => {
    const manifest = path.join(dir, file);
    if (content === null) mkdirSync(manifest, { recursive: true });
    else if (content !== undefined) writeFileSync(manifest, content);
    const before = content ? sha(manifest) : null;
    const libraryDir = path.join(dir, `library-${file}`);
    const outDir = path.join(dir, `out-${file}`);
    const result = await runCli(['batch', manifest, '-o', outDir, '--library', libraryDir]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n').filter((line) => !line.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/);
    if (before) expect(sha(manifest)).toBe(before);
    expect(existsSync(outDir)).toBe(false);
    if (existsSync(libraryDir)) {
      const library = openLibrary({ libraryDir });
      expect(library.listBatches()).toEqual([]);
      library.close();
    }
  }, 120_000);

  it('5,000 rows with one output already there: refused as a whole (exit 2) before any row is queued', async () => {
    const manifest = path.join(dir, 'long.csv');
    writeFileSync(manifest, `face,script,name,consent\n${rowsOf(5000).split('\n').map((row) => `${row},She agreed on 1 May.`).join('\n')}\n`);
    const outDir = path.join(dir, 'out-long');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'v4321.mp4'), 'an earlier video');
    const libraryDir = path.join(dir, 'library-long');
    const result = await runCli(['batch', manifest, '-o', outDir, '--library', libraryDir]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`mouthpiece: 1 output already exists in ${outDir} (v4321.mp4); use --overwrite to replace them or --skip-existing to keep them.`);
    expect(readFileSync(path.join(outDir, 'v4321.mp4'), 'utf8')).toBe('an earlier video');
    const library = openLibrary({ libraryDir });
    expect(library.listBatches()).toEqual([]);
    expect(library.summarizeRenders()).toMatchObject({ total: 0 });
    library.close();
  }, 120_000);
});

describe('manifests odd but valid (engine)', () => {
  const read = async (file: string, content: string) => {
    writeFileSync(path.join(dir, file), content);
    return readBatchManifest(path.join(dir, file), { presets: ['reel', 'square'] });
  };

  it('a BOM and CRLF line ends: read as plain CSV', async () => {
    const manifest = await read('bom.csv', `\uFEFFface,script\r\n${FACE},Hello.\r\n${FACE},Again.\r\n`);
    expect(manifest.items.map((item) => [item.facePath, item.source])).toEqual([
      [FACE, { kind: 'say', text: 'Hello.', voice: undefined }],
      [FACE, { kind: 'say', text: 'Again.', voice: undefined }],
    ]);
  });

  it('a quoted line break inside a script: one row, the break kept, the next row named by its own line', async () => {
    const manifest = await read('newline.csv', `face,script\n${FACE},"First line,\nsecond line."\n${FACE},Next.\n`);
    expect(manifest.items.map((item) => (item.source.kind === 'say' ? item.source.text : ''))).toEqual(['First line,\nsecond line.', 'Next.']);
    expect(manifest.items.map((item) => item.origin)).toEqual(['newline.csv row 2', 'newline.csv row 4']);
  });

  it('the same name on several rows: unique outputs (name, name-2, name-3), never one file twice', async () => {
    const manifest = await read('dupes.csv', `face,script,name\n${FACE},A.,clip\n${FACE},B.,clip\n${FACE},C.,Clip\n${FACE},D.,clip-2\n`);
    const names = planOutputNames(manifest.items, { project: 'dupes' });
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(4);
    expect(names[0]).toBe('clip');
  });

  it('a semicolon-separated export from a spreadsheet: read with its columns', async () => {
    const manifest = await read('semi.csv', `face;script;preset\n${FACE};Hello, world.;square\n`);
    expect(manifest.items[0]).toMatchObject({ preset: 'square', source: { kind: 'say', text: 'Hello, world.' } });
  });
});
