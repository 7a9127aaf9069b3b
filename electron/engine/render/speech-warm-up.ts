import { synthesizeSpeech } from '../speech/index.js';

/**
 * eSpeak is WebAssembly that the JavaScript engine compiles and optimises as it runs: the first sentences a process
 * speaks take several times as long as later ones (the first edit of a line after opening the studio waited about
 * half a second more for its voice than the next ones). So while the preview is idle a few sentences are spoken and
 * thrown away. Every synthesis starts from the same restored state, so this changes no voice, only how soon it comes.
 */
const WARM_TEXTS = [
  'The quick brown fox jumps over the lazy dog, while five wizards box and jump quickly.',
  'How vexingly quick daft zebras jump! Sphinx of black quartz, judge my vow?',
  'Then, at three thirty, she pushed the heavy wooden chair back and laughed.',
];

export interface SpeechWarmUp {
  /** The preview was used: warm up once it has been idle for a while (nothing runs while frames keep coming). */
  touch(): void;
  close(): void;
}

export function createSpeechWarmUp({ idleMs = 700 }: { idleMs?: number } = {}): SpeechWarmUp {
  let left = [...WARM_TEXTS];
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    if (left.length === 0) return;
    timer = setTimeout(() => void speakOne(), idleMs);
    timer.unref();
  };
  const speakOne = async () => {
    const text = left.shift();
    if (text === undefined) return;
    // a failure here will be met, and worded, by the line that needs the voice
    await synthesizeSpeech(text, { voice: 'en-us' }).catch(() => (left = []));
    arm();
  };
  return {
    touch: arm,
    close() {
      clearTimeout(timer);
      left = [];
    },
  };
}
