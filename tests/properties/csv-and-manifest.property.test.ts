import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBatchManifest } from '../../electron/engine/batch/batch-manifest.js';
import { CsvSyntaxError, parseCsv } from '../../electron/engine/batch/csv-table.js';
import { InputError } from '../../electron/engine/errors.js';

/*
 * Properties of the manifest readers: any table written as a spreadsheet would write it reads back exactly, with the
 * line each row starts on; any bytes at all give items or one InputError naming the manifest, never a crash.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-manifest-props-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\n', '\r\n', 'é', '字', '😀', "'", '\t'), maxLength: 12 }),
  fc.string({ maxLength: 8 }),
);
/** Rows of at least two fields whose first one is not blank (a blank single field is a blank line, skipped). */
const table = fc.array(fc.tuple(fc.string({ unit: fc.constantFrom('x', 'y', 'é', '"', ',', '\n'), minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== ''), fc.array(field, { minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 12 })
  .map((rows) => rows.map(([first, rest]) => [first, ...rest]));

function writeCsv(rows: string[][], { eol, quoteAll, bom }: { eol: string; quoteAll: boolean; bom: boolean }): { text: string; lines: number[] } {
  const lines: number[] = [];
  let line = 1;
  const out = rows.map((row) => {
    lines.push(line);
    const cells = row.map((cell) => (quoteAll || /[",;\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell));
    const record = cells.join(',');
    line += (record.match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
    return record;
  });
  return { text: `${bom ? '\uFEFF' : ''}${out.join(eol)}${eol}`, lines };
}

describe('parseCsv (properties)', () => {
  it('reads back any table exactly, with each record\'s starting line, whatever the line ends, quoting and BOM', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), (rows, eol, quoteAll, bom) => {
        const { text, lines } = writeCsv(rows, { eol, quoteAll, bom });
        const records = parseCsv(text);
        expect(records.map((r) => r.fields)).toEqual(rows);
        expect(records.map((r) => r.line)).toEqual(lines);
      }),
      { numRuns: 300 },
    );
  });

  it('any text gives records or a CsvSyntaxError with a line inside the text, never another error', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', ' ', '\uFEFF', 'é'), maxLength: 60 }), (text) => {
        try {
          const records = parseCsv(text);
          const lineCount = (text.match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
          records.forEach((record, i) => {
            expect(record.line).toBeGreaterThan(i === 0 ? 0 : records[i - 1].line);
            expect(record.line).toBeLessThanOrEqual(lineCount);
          });
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
          const lineCount = (text.match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
          expect((error as CsvSyntaxError).line).toBeGreaterThanOrEqual(1);
          expect((error as CsvSyntaxError).line).toBeLessThanOrEqual(lineCount);
          expect((error as Error).message).toMatch(/^line \d+: /);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('readBatchManifest (properties)', () => {
  const presets = ['reel', 'square'];
  const check = async (name: string, bytes: string) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    try {
      const manifest = await readBatchManifest(file, { presets });
      expect(manifest.items.length).toBeGreaterThan(0);
      manifest.items.forEach((item, i) => expect(item.position).toBe(i));
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('BAD_ARGUMENT');
      // One line that names the manifest.
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).not.toContain('\n    at ');
    }
    // Reading never changes the manifest.
    expect(await readFile(file, 'utf8')).toBe(bytes);
  };

  it('any CSV text: items in order, or one BAD_ARGUMENT naming the manifest', async () => {
    const header = fc.constantFrom('face,script', 'face,script,name', 'face;script', 'face,audio,text', 'Face , Script ', 'face,nope', 'face,face', '');
    const body = fc.string({ unit: fc.constantFrom('a.png', 'Hi', ',', ';', '"', '\n', '\r\n', ' ', 'reel', '-1', 'x/y'), maxLength: 30 });
    await fc.assert(fc.asyncProperty(header, body, fc.boolean(), async (head, rest, bom) => check('m.csv', `${bom ? '\uFEFF' : ''}${head}\n${rest}`)), { numRuns: 200 });
  });

  it('any JSON value: items in order, or one BAD_ARGUMENT naming the manifest', async () => {
    const item = fc.dictionary(fc.constantFrom('face', 'script', 'audio', 'voice', 'preset', 'captions', 'name', 'label', 'fps', 'subject', 'extra'), fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })));
    const manifest = fc.oneof(fc.array(item, { maxLength: 6 }), fc.jsonValue());
    await fc.assert(fc.asyncProperty(manifest, async (value) => check('m.json', JSON.stringify(value) ?? 'null')), { numRuns: 200 });
  });

  it('any bytes in a .json file (cut, BOM, garbage): one BAD_ARGUMENT naming the manifest or items', async () => {
    const valid = JSON.stringify([{ face: 'a.png', script: 'Hi' }, { face: 'b.png', script: 'Ho', name: 'two' }]);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length }), fc.string({ maxLength: 4 }), fc.boolean(), async (cut, junk, bom) => check('cut.json', `${bom ? '\uFEFF' : ''}${valid.slice(0, cut)}${junk}`)),
      { numRuns: 150 },
    );
  });
});
