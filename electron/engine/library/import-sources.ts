import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { normalizeScriptText } from './script-queries.js';

const maxTextBytes = 4 * 1024 * 1024;

/** Reads a UTF-8 text file (BOM allowed); invalid UTF-8 or a huge file is refused with the file named. */
async function readUtf8Text(filePath: string): Promise<string> {
  const fileName = path.basename(filePath);
  const info = await stat(filePath);
  if (info.size > maxTextBytes) {
    throw new InputError('BAD_ARGUMENT', `${fileName} is ${Math.round(info.size / 1024)} KB: too long for a script or transcript (at most ${maxTextBytes / 1024 / 1024} MB).`, filePath);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(await readFile(filePath));
  } catch {
    throw new InputError('UNREADABLE_MEDIA', `${fileName} is not UTF-8 text; save it as UTF-8 and import it again.`, filePath);
  }
}

/** The text of a `.txt` being imported as a script. */
export async function readScriptText(filePath: string): Promise<string> {
  const text = await readUtf8Text(filePath);
  try {
    return normalizeScriptText(text);
  } catch {
    throw new InputError('BAD_ARGUMENT', `${path.basename(filePath)} is empty: a script needs some text to speak.`, filePath);
  }
}

/** Where a recording's transcript is looked for: the same name with `.txt`, next to it. */
export function resolveSiblingTranscriptPath(filePath: string): string {
  const parsed = path.parse(filePath);
  return path.join(parsed.dir, `${parsed.name}.txt`);
}

/**
 * The transcript next to a recording (`speech.wav` → `speech.txt`), or null when there is none or it is blank.
 * A transcript that exists but cannot be read fails the import, rather than silently importing without it.
 */
export async function readSiblingTranscript(filePath: string): Promise<string | null> {
  const transcriptPath = resolveSiblingTranscriptPath(filePath);
  if (transcriptPath === filePath) return null;
  try {
    if (!(await stat(transcriptPath)).isFile()) return null;
  } catch {
    return null;
  }
  const text = (await readUtf8Text(transcriptPath)).replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n').trim();
  return text.length > 0 ? text : null;
}
