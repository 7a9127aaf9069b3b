/*
 * Output names of a batch, from a template such as `{project}-{script}-{preset}`. Pure and shared: the batch builder
 * previews the names as the user types, and main makes the same names when it queues the batch.
 */

export const DEFAULT_NAME_TEMPLATE = '{project}-{script}-{preset}';

/** The placeholders a template may use, and what each stands for. */
export const NAME_TEMPLATE_FIELDS = ['project', 'script', 'face', 'preset', 'n'] as const;
export type NameTemplateField = (typeof NAME_TEMPLATE_FIELDS)[number];
export type NameTemplateValues = Record<NameTemplateField, string>;

const MAX_NAME_CHARS = 120;

/** A file name part without characters file systems refuse or that would leave the folder. */
export function safeFileNamePart(value: string): string {
  return value
    .replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
}

/** Unknown placeholders are left as they are, so a typo shows in the preview instead of vanishing. */
export function expandNameTemplate(template: string, values: NameTemplateValues): string {
  const expanded = template.replace(/\{(\w+)\}/g, (whole, field: string) =>
    (NAME_TEMPLATE_FIELDS as readonly string[]).includes(field) ? values[field as NameTemplateField] : whole,
  );
  const withoutExtension = expanded.replace(/\.mp4$/i, '');
  return `${safeFileNamePart(withoutExtension).slice(0, MAX_NAME_CHARS) || 'video'}.mp4`;
}

/** Placeholders in a template that are not one of NAME_TEMPLATE_FIELDS. */
export function unknownTemplateFields(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).filter((field) => !(NAME_TEMPLATE_FIELDS as readonly string[]).includes(field));
}

/** `name.mp4` → `name (2).mp4`, `name (3).mp4`, … the first one `isTaken` refuses. */
export function nextFreeName(fileName: string, isTaken: (candidate: string) => boolean): string {
  if (!isTaken(fileName)) return fileName;
  const stem = fileName.replace(/\.mp4$/i, '');
  for (let copy = 2; ; copy += 1) {
    const candidate = `${stem} (${copy}).mp4`;
    if (!isTaken(candidate)) return candidate;
  }
}

/**
 * Names for every item, in order; a name the template gives twice within the batch gets ` (2)`, ` (3)`, … so two
 * items never write the same file. Case-insensitive, as on macOS and Windows.
 */
export function uniqueBatchNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const unique = nextFreeName(name, (candidate) => taken.has(candidate.toLowerCase()));
    taken.add(unique.toLowerCase());
    return unique;
  });
}
