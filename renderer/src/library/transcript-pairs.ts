const RECORDING = /\.(wav|mp3|m4a|aac|ogg|oga|opus|flac)$/i;

const stem = (name: string) => name.replace(/\.[^.]+$/, '').toLowerCase();

/**
 * Splits dropped files into what to import and the transcripts that go with recordings: `take1.txt` dropped beside
 * `take1.wav` is that recording's transcript, not a script of its own (a browser upload has no folder to find it in).
 */
export function pairTranscripts<F extends { name: string }>(files: readonly F[]): { imports: F[]; transcripts: Map<string, F> } {
  const recordings = new Set(files.filter((file) => RECORDING.test(file.name)).map((file) => stem(file.name)));
  const transcripts = new Map<string, F>();
  const imports: F[] = [];
  for (const file of files) {
    if (/\.txt$/i.test(file.name) && recordings.has(stem(file.name))) transcripts.set(stem(file.name), file);
    else imports.push(file);
  }
  return { imports, transcripts };
}

/** The transcript file for an imported recording, by the recording's name. */
export function transcriptFor<F>(transcripts: Map<string, F>, recordingName: string): F | undefined {
  return transcripts.get(stem(recordingName));
}
