/**
 * The ffmpeg video filter that burns an ASS file in with the bundled caption fonts:
 * `ass=filename=<path>:fontsdir=<dir>`, each path escaped for both levels a filter graph is parsed at
 * (ffmpeg-filters "Notes on filtergraph escaping"): first as an option value (`\`, `'` and `:` are special),
 * then as part of the graph description (`\`, `'`, `[`, `]`, `,` and `;` are). Works in -vf and -filter_complex
 * passed as one argument (no shell).
 */
export function buildAssFilter(assPath: string, fontsDir: string): string {
  return `ass=filename=${escapeFilterPath(assPath)}:fontsdir=${escapeFilterPath(fontsDir)}`;
}

export function escapeFilterPath(value: string): string {
  const asOptionValue = value.replace(/[\\':]/gu, (ch) => `\\${ch}`);
  return asOptionValue.replace(/[\\'[\],;]/gu, (ch) => `\\${ch}`);
}
