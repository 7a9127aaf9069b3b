import path from 'node:path';
import { InputError } from '../errors.js';
import type { ManifestItem } from './batch-manifest.js';

/** How outputs are named unless a row gives its own `name`. */
export const DEFAULT_NAME_TEMPLATE = '{project}-{script}-{preset}';
const TEMPLATE_FIELDS = ['project', 'script', 'preset', 'face', 'subject', 'voice', 'row'] as const;
const SLUG_MAX_CHARS = 40;

/**
 * Output base names (no extension) for a batch's items: the row's `name`, or the template filled in. `{script}` is
 * the first words of the script or transcript, or the recording's file name. Names are file-system safe (letters of
 * every script kept, so a Japanese script gives a Japanese name) and unique within the batch (a repeat gets -2, -3…).
 */
export function planOutputNames(items: ManifestItem[], { project, template = DEFAULT_NAME_TEMPLATE }: { project: string; template?: string }): string[] {
  assertTemplate(template);
  // Compared without case: on macOS and Windows "Intro" and "intro" are the same file.
  const used = new Set<string>();
  return items.map((item) => {
    const base = item.name !== undefined ? safeFileName(item.name) : fillTemplate(template, item, project);
    let name = base;
    // A suffixed name may itself be taken ("a", "a", "a-2"): two items must never write one file.
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function assertTemplate(template: string): void {
  for (const [, field] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(field)) {
      throw new InputError('BAD_ARGUMENT', `name template "${template}": unknown field {${field}}; use ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')}.`);
    }
  }
}

function fillTemplate(template: string, item: ManifestItem, project: string): string {
  const script = item.source.kind === 'say' ? item.source.text : (item.source.transcript ?? path.parse(item.source.path).name);
  const values: Record<(typeof TEMPLATE_FIELDS)[number], string> = {
    project: slugify(project),
    script: slugify(script),
    preset: slugify(item.preset),
    face: slugify(path.parse(item.facePath).name),
    subject: String(item.subject),
    voice: slugify(item.source.kind === 'say' ? (item.source.voice ?? 'default') : 'recording'),
    row: String(item.position + 1),
  };
  const filled = template.replace(/\{([a-z]+)\}/g, (_, field: keyof typeof values) => values[field]);
  return safeFileName(filled);
}

/** Lower-case words joined by '-', letters and digits of any script kept, at most 40 characters, cut between words. */
export function slugify(text: string): string {
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if ([...next].length > SLUG_MAX_CHARS) {
      if (slug === '') slug = [...word].slice(0, SLUG_MAX_CHARS).join('');
      break;
    }
    slug = next;
  }
  return slug || 'untitled';
}

/** Strips what file systems refuse (separators, control and reserved characters, trailing dots). */
function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '-')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return cleaned || 'untitled';
}
