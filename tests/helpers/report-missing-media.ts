/** Vitest global setup: one line for the whole run when the shared media corpus is absent (see shared-media.ts). */
import { describeMissingMedia, hasSharedMedia } from './shared-media.js';

export default function reportMissingMedia(): void {
  if (!hasSharedMedia) process.stdout.write(`\n${describeMissingMedia()}\n\n`);
}
