import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, throwIfAborted } from '../../engine/errors.js';
import { listVoices, PITCH_RANGE, RATE_RANGE_WPM, synthesizeSpeech, writeWavFile } from '../../engine/speech/index.js';
import { assertOutputAllowed } from '../../engine/media/output-guard.js';
import type { CommandContext } from '../command-context.js';
import { readTextFile } from '../read-text-file.js';

export const SAY_USAGE = `mouthpiece say "<text>" -o voice.wav [--voice en-us] [--rate wpm] [--pitch 0-99] [--json]
mouthpiece say --list-voices [--json]

  Speaks the text with the built-in offline voice (eSpeak NG) into a 16-bit WAV file, with the exact
  time of every word and phoneme.

  -o, --out FILE     the WAV file to write (written whole or not at all; an existing file is refused
                     unless --overwrite, and the --text-file is never written over)
  --overwrite        replace the output file if it exists
  --text-file FILE   read the text from a UTF-8 file instead of the command line
  --voice V          language code (en-us, en-gb, es, fr, de, cmn, …), eSpeak voice name or identifier
  --rate WPM         speaking rate, ${RATE_RANGE_WPM.min}–${RATE_RANGE_WPM.max} words per minute (default ${RATE_RANGE_WPM.default})
  --pitch P          base pitch, ${PITCH_RANGE.min}–${PITCH_RANGE.max} (default ${PITCH_RANGE.default})
  --json             print {"out","durationSec","voice","words","phonemes"} as JSON on stdout
  --list-voices      list every voice (code, name, identifier)`;

const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

export async function runSayCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      overwrite: { type: 'boolean' },
      'text-file': { type: 'string' },
      voice: { type: 'string' },
      rate: { type: 'string' },
      pitch: { type: 'string' },
      json: { type: 'boolean' },
      'list-voices': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return ctx.out(SAY_USAGE);
  if (values['list-voices']) return printVoices(ctx, values.json ?? false);

  const text = await readText(positionals, values['text-file']);
  const overwrite = values.overwrite ?? false;
  const out = values.out;
  if (!out) throw new InputError('BAD_ARGUMENT', 'say needs an output file: -o voice.wav. Run `mouthpiece say --help`.');
  if (path.extname(out).toLowerCase() !== '.wav') throw new InputError('BAD_ARGUMENT', `${out}: say writes WAV audio; give the output file a .wav name.`);
  assertOutputAllowed({ outPath: out, inputs: [values['text-file']], overwrite: values.overwrite ?? false });
  const rate = parseNumber('--rate', values.rate);
  const pitch = parseNumber('--pitch', values.pitch);

  const started = performance.now();
  const { audio, timeline, voice } = await synthesizeSpeech(text, { voice: values.voice, rate, pitch });
  throwIfAborted(ctx.signal);
  await writeWavFile(out, audio, { overwrite });
  const elapsedMs = performance.now() - started;

  if (values.json) {
    ctx.out(
      JSON.stringify({
        out: path.resolve(out),
        durationSec: ms(audio.durationSec),
        sampleRate: audio.sampleRate,
        voice: voice.language,
        voiceName: voice.name,
        words: timeline.words.map((w) => ({ start: ms(w.start), end: ms(w.end), text: w.text })),
        phonemes: timeline.phonemes.map((p) => ({
          start: ms(p.start),
          end: ms(p.end),
          phoneme: p.phoneme,
          ...(p.word !== undefined ? { word: p.word } : {}),
          ...(p.stressed ? { stressed: true } : {}),
        })),
      }),
    );
    return;
  }
  ctx.out(
    `${out}: ${audio.durationSec.toFixed(2)} s of speech, voice ${voice.language} (${voice.name}), ${timeline.words.length} words, ${timeline.phonemes.length} phonemes (${Math.round(elapsedMs)} ms)`,
  );
}

async function readText(positionals: string[], textFile: string | undefined): Promise<string> {
  if (textFile !== undefined) {
    if (positionals.length > 0) throw new InputError('BAD_ARGUMENT', 'Give the text either on the command line or with --text-file, not both.');
    return readTextFile(textFile);
  }
  const text = positionals.join(' ');
  if (text.trim() === '') throw new InputError('BAD_ARGUMENT', `say needs the text to speak, e.g. mouthpiece say "Hello there" -o hello.wav.`);
  return text;
}

function parseNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InputError('BAD_ARGUMENT', `${flag} must be a number, got "${raw}".`);
  return value;
}

async function printVoices(ctx: CommandContext, json: boolean): Promise<void> {
  const voices = await listVoices();
  if (json) {
    ctx.out(JSON.stringify({ voices: voices.map((v) => ({ voice: v.language, name: v.name, identifier: v.identifier, languages: v.languages })) }));
    return;
  }
  const width = Math.max(...voices.map((v) => v.language.length));
  for (const v of voices) ctx.out(`${v.language.padEnd(width)}  ${v.name}  (${v.identifier}; also ${v.languages.join(', ')})`);
}
