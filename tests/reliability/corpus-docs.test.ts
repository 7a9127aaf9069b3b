import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeCorpusRoot, type CorpusCase } from './corpus-support.js';
import { batchRaceCase, diskCases, FFMPEG_CASES, MODEL_CASES, SIGNAL_CASES } from './fault-cases.js';
import { AUDIO_CASES, IMAGE_CASES, VIDEO_CASES } from './media-cases.js';
import { OPTION_CASES, SCENE_CASES } from './option-cases.js';
import { PATH_CASES } from './path-cases.js';

afterAll(removeCorpusRoot);

/** Every category of the CLI corpus, in the order of docs/reliability.md, with the test file that runs it. */
export const CORPUS: [category: string, file: string, cases: CorpusCase[]][] = [
  ['Pictures', 'cli-corpus-media', IMAGE_CASES],
  ['Sound', 'cli-corpus-media', AUDIO_CASES],
  ['Video', 'cli-corpus-media', VIDEO_CASES],
  ['Options', 'cli-corpus-options', OPTION_CASES],
  ['Scene files', 'cli-corpus-options', SCENE_CASES],
  ['Paths and outputs', 'cli-corpus-paths', PATH_CASES],
  ['Full and read-only disks', 'cli-corpus-faults', diskCases('/nonexistent', { mount: false }).cases],
  ['Signals', 'cli-corpus-faults', SIGNAL_CASES],
  ['ffmpeg settings', 'cli-corpus-faults', FFMPEG_CASES],
  ['Models', 'cli-corpus-faults', MODEL_CASES],
  ['Batches racing', 'cli-corpus-faults', [batchRaceCase()]],
];

const DOC = path.join(ROOT, 'docs', 'reliability.md');
const BEGIN = '<!-- cli-corpus:begin (generated: UPDATE_RELIABILITY_DOCS=1 npx vitest run tests/reliability/corpus-docs.test.ts) -->';
const END = '<!-- cli-corpus:end -->';

const escape = (text: string) => text.replace(/\|/g, '\\|');
function renderTable(): string {
  const rows = CORPUS.flatMap(([category, file, cases]) =>
    cases.map((c) => `| ${category} | ${escape(c.name)} | ${escape(c.promise)} | exit ${c.code}${c.code === 0 ? '' : ', one line'}; nothing left; inputs unchanged | \`${file}\` |`),
  );
  const counts = CORPUS.reduce<Record<string, number>>((acc, [category, , cases]) => ({ ...acc, [category]: (acc[category] ?? 0) + cases.length }), {});
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    BEGIN,
    '',
    `${total} cases: ${Object.entries(counts).map(([k, n]) => `${k.toLowerCase()} ${n}`).join(', ')}.`,
    '',
    '| Category | Case | Promise | Result (asserted) | Test file (tests/reliability/) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    END,
  ].join('\n');
}

describe('docs/reliability.md', () => {
  it('lists every case of the CLI corpus, as the tests define them', () => {
    const table = renderTable();
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    if (process.env.UPDATE_RELIABILITY_DOCS) {
      writeFileSync(DOC, `${doc.slice(0, start)}${table}${doc.slice(end + END.length)}`);
      return;
    }
    expect(start).toBeGreaterThanOrEqual(0);
    expect(doc.slice(start, end + END.length)).toBe(table);
  });
});
