import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { isSampleKeyword, resolveMediaValue, type SampleMedia } from '../samples/index.js';
import { CsvSyntaxError, parseCsv } from './csv-table.js';

/*
 * A batch manifest: CSV with a header row, or JSON (an array of objects). Each row is one video:
 * face, subject, audio or script + voice, text (transcript of audio), preset, captions, name; `label` and `fps` are
 * extras. Relative paths are relative to the manifest; a face or audio of `sample` is the bundled sample. Mistakes in the manifest itself (unknown column, a row with
 * both audio and script, a preset that does not exist) stop the batch before anything runs, each naming its row; a
 * file that turns out unreadable only fails its own item when it runs.
 */

export const MANIFEST_FIELDS = ['face', 'subject', 'audio', 'script', 'voice', 'text', 'preset', 'captions', 'name', 'label', 'fps', 'consent'] as const;
type ManifestField = (typeof MANIFEST_FIELDS)[number];

export type ManifestCaptions = 'none' | 'clean' | 'reel';

export interface ManifestItem {
  /** 0-based place in the manifest. */
  position: number;
  /** "batch.csv row 3" (CSV: the line number; JSON: "item 2", 1-based). */
  origin: string;
  facePath: string;
  subject: number;
  source: { kind: 'audio'; path: string; transcript?: string } | { kind: 'say'; text: string; voice?: string };
  preset: string;
  captions: ManifestCaptions;
  /** Output base name the row asks for (without .mp4), if any. */
  name?: string;
  label: boolean;
  fps?: number;
  /** Who agreed to be animated, and when (the `consent` column); checked before the batch starts. */
  consent?: string;
}

export interface BatchManifest {
  path: string;
  /** The manifest's bytes as read, so a re-run can tell whether it changed. */
  text: string;
  items: ManifestItem[];
}

export interface ReadManifestOptions {
  /** Preset names the batch may use (built-in and the library's custom ones). */
  presets: readonly string[];
  defaultPreset?: string;
  /** The bundled samples, which a `face` or `audio` of `sample` names. */
  samples?: SampleMedia;
}

const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
const MAX_ITEMS = 10_000;

export async function readBatchManifest(manifestPath: string, options: ReadManifestOptions): Promise<BatchManifest> {
  const absolute = path.resolve(manifestPath);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new InputError('FILE_NOT_FOUND', `${manifestPath}: no such manifest file.`, manifestPath);
  if (!info.isFile()) throw new InputError('BAD_ARGUMENT', `${manifestPath}: is a folder, not a manifest (.csv or .json).`, manifestPath);
  if (info.size > MAX_MANIFEST_BYTES) throw new InputError('BAD_ARGUMENT', `${manifestPath}: the manifest is ${Math.round(info.size / 1e6)} MB; at most 10 MB is read.`, manifestPath);
  const text = await readFile(absolute, 'utf8');
  const rows = /\.json$/i.test(absolute) ? jsonRows(text, manifestPath) : csvRows(text, manifestPath);
  if (rows.length === 0) throw new InputError('BAD_ARGUMENT', `${manifestPath}: the manifest lists no videos.`, manifestPath);
  if (rows.length > MAX_ITEMS) throw new InputError('BAD_ARGUMENT', `${manifestPath}: ${rows.length} items; a batch holds at most ${MAX_ITEMS}.`, manifestPath);
  const baseDir = path.dirname(absolute);
  const items = rows.map((row, position) => toItem(row, position, baseDir, options));
  return { path: absolute, text, items };
}

interface RawRow {
  origin: string;
  values: Partial<Record<ManifestField, string | number | boolean | null>>;
}

function csvRows(text: string, manifestPath: string): RawRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError('BAD_ARGUMENT', `${manifestPath}: ${error.message}`, manifestPath);
    throw error;
  }
  if (records.length === 0) return [];
  const header = records[0].fields.map((name) => name.trim().toLowerCase());
  header.forEach((name, i) => {
    assertKnownField(name, `${manifestPath} header`);
    if (header.indexOf(name) !== i) throw new InputError('BAD_ARGUMENT', `${manifestPath} header: the column "${name}" appears twice.`, manifestPath);
  });
  const name = path.basename(manifestPath);
  return records.slice(1).map((record) => {
    if (record.fields.length > header.length) {
      throw new InputError('BAD_ARGUMENT', `${name} row ${record.line}: ${record.fields.length} fields but the header names ${header.length}; quote fields that contain commas.`, manifestPath);
    }
    const values: RawRow['values'] = {};
    header.forEach((field, i) => {
      const value = record.fields[i]?.trim() ?? '';
      if (value !== '') values[field as ManifestField] = value;
    });
    return { origin: `${name} row ${record.line}`, values };
  });
}

function jsonRows(text: string, manifestPath: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError('BAD_ARGUMENT', `${manifestPath}: not valid JSON (${(error as Error).message}).`, manifestPath);
  }
  if (!Array.isArray(data)) throw new InputError('BAD_ARGUMENT', `${manifestPath}: a JSON manifest is an array of objects, one per video.`, manifestPath);
  const name = path.basename(manifestPath);
  return data.map((entry, i) => {
    const origin = `${name} item ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InputError('BAD_ARGUMENT', `${origin}: each item must be an object like {"face": …, "script": …}.`, manifestPath);
    const values: RawRow['values'] = {};
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      assertKnownField(key, origin);
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) throw new InputError('BAD_ARGUMENT', `${origin}: "${key}" must be a string, number or boolean.`, manifestPath);
      if (value !== null && value !== '') values[key as ManifestField] = value as string | number | boolean;
    }
    return { origin, values };
  });
}

function assertKnownField(name: string, where: string): void {
  if (!(MANIFEST_FIELDS as readonly string[]).includes(name)) {
    throw new InputError('BAD_ARGUMENT', `${where}: unknown column "${name}"; the columns are ${MANIFEST_FIELDS.join(', ')}.`);
  }
}

function toItem({ origin, values }: RawRow, position: number, baseDir: string, options: ReadManifestOptions): ManifestItem {
  const bad = (message: string): never => {
    throw new InputError('BAD_ARGUMENT', `${origin}: ${message}`);
  };
  const text = (field: ManifestField) => (values[field] === undefined ? undefined : String(values[field]));
  const file = (field: 'face' | 'audio') => {
    const value = text(field);
    return value === undefined ? undefined : resolveMediaValue({ value, kind: field, baseDir, samples: options.samples, origin });
  };

  const facePath = file('face') ?? bad('"face" is missing: the photo whose face speaks.');
  const audio = file('audio');
  const script = text('script');
  if (audio !== undefined && script !== undefined) bad('give either "audio" or "script", not both.');
  if (audio === undefined && script === undefined) bad('nothing to say: give "audio" (a recording) or "script" (text for the built-in voice).');
  if (script !== undefined && text('text') !== undefined) bad('"text" is the transcript of "audio"; a "script" is its own text.');
  if (audio !== undefined && text('voice') !== undefined) bad('"voice" is the built-in voice for a "script"; it does not apply to "audio".');

  const subject = integer(text('subject') ?? '0', 0, 99) ?? bad(`"subject" must be a whole number ≥ 0 (0 = largest face), got "${text('subject')}".`);
  const preset = text('preset') ?? options.defaultPreset ?? 'reel';
  if (!options.presets.some((known) => known.toLowerCase() === preset.toLowerCase())) bad(`unknown preset "${preset}"; use one of ${options.presets.join(', ')}.`);
  const captions = (text('captions') ?? 'none').toLowerCase() as ManifestCaptions;
  if (!['none', 'clean', 'reel'].includes(captions)) bad(`"captions" must be none, clean or reel, got "${captions}".`);
  const label = parseYesNo(values.label) ?? bad(`"label" must be yes or no, got "${text('label')}".`);
  const fps = text('fps') === undefined ? undefined : (integer(text('fps') as string, 1, 60) ?? bad(`"fps" must be a whole number from 1 to 60, got "${text('fps')}".`));
  const name = text('name');
  if (name !== undefined && (/[/\\\0]/.test(name) || name === '.' || name === '..')) bad(`"name" must be a file name without folders, got "${name}".`);

  return {
    position,
    origin,
    facePath,
    subject,
    source: audio !== undefined ? { kind: 'audio', path: audio, transcript: text('text') ?? (isSampleKeyword(text('audio')) ? options.samples?.voiceTranscript : undefined) } : { kind: 'say', text: script as string, voice: text('voice') },
    preset: options.presets.find((known) => known.toLowerCase() === preset.toLowerCase()) as string,
    captions,
    name: name?.replace(/\.mp4$/i, ''),
    label,
    fps,
    consent: text('consent'),
  };
}

function integer(value: string, min: number, max: number): number | undefined {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function parseYesNo(value: string | number | boolean | null | undefined): boolean | undefined {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  const v = String(value).trim().toLowerCase();
  if (['yes', 'y', 'true', '1', 'on'].includes(v)) return true;
  if (['no', 'n', 'false', '0', 'off'].includes(v)) return false;
  return undefined;
}
