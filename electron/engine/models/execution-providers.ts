/** Execution providers onnxruntime can use, most capable first; CPU is always the last resort. */
export type ExecutionProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';

/** Which accelerated providers are worth trying on this platform, in order of preference. */
export function candidateProviders(platform: NodeJS.Platform, available: string[]): ExecutionProviderName[] {
  const wanted: ExecutionProviderName[] =
    platform === 'win32' ? ['cuda', 'dml'] : platform === 'darwin' ? ['coreml'] : platform === 'linux' ? ['cuda'] : [];
  return [...wanted.filter((p) => available.includes(p)), 'cpu'];
}

/**
 * Parses a user preference such as "cuda,cpu" or "auto"; unknown names are rejected so a typo in a
 * setting cannot silently fall back to something else.
 */
export function parseProviderPreference(value: string | undefined): ExecutionProviderName[] | 'auto' {
  if (!value || value === 'auto') return 'auto';
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const known: ExecutionProviderName[] = ['cuda', 'dml', 'coreml', 'cpu'];
  for (const name of names) {
    if (!known.includes(name as ExecutionProviderName)) throw new Error(`Unknown execution provider "${name}" (known: ${known.join(', ')}, auto).`);
  }
  return names as ExecutionProviderName[];
}
