import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { collectOutcome, FACE, shortVoicePath, startCorpusCli, VOICE, type CaseWorkspace, type CliOutcome, type CorpusCase } from './corpus-support.js';

const OLD = 'an older file that must survive\n';
const keepsOld = (file: string) => (w: CaseWorkspace) => expect(readFileSync(path.join(w.out, file), 'utf8')).toBe(OLD);
const isInput = /is also an input .*writing it would destroy the input/;
const exists = /already exists; add --overwrite to replace it/;

export const PATH_CASES: CorpusCase[] = [
  {
    name: 'render -o the face clip itself',
    promise: 'refused: the output is an input; the clip is untouched',
    setup: (w) => copyFileSync(FACE, w.at('me.mp4')),
    args: () => ['render', '--face', 'me.mp4', '--audio', VOICE, '-o', 'me.mp4'],
    code: 2,
    line: isInput,
  },
  {
    name: 'render -o the voice recording (other spelling of the path)',
    promise: 'refused: the output is an input',
    setup: (w) => {
      mkdirSync(w.at('takes'));
      copyFileSync(VOICE, w.at('takes/voice.mov'));
    },
    args: () => ['render', '--face', FACE, '--audio', 'takes/voice.mov', '-o', 'takes/../takes/./voice.mov'],
    code: 2,
    line: isInput,
  },
  {
    name: 'render -o a hard link of the face',
    promise: 'refused: same file (device and inode) as an input',
    setup: (w) => {
      copyFileSync(FACE, w.at('me.jpg'));
      linkSync(w.at('me.jpg'), w.at('out/linked.mp4'));
    },
    args: () => ['render', '--face', 'me.jpg', '--audio', VOICE, '-o', 'out/linked.mp4'],
    code: 2,
    line: isInput,
    outputs: ['linked.mp4'],
  },
  {
    name: 'render -o a symbolic link to the voice',
    promise: 'refused: the link leads to an input',
    setup: (w) => {
      copyFileSync(VOICE, w.at('voice.wav'));
      symlinkSync(w.at('voice.wav'), w.at('out/v.mp4'));
    },
    args: () => ['render', '--face', FACE, '--audio', 'voice.wav', '-o', 'out/v.mp4'],
    code: 2,
    line: isInput,
    outputs: ['v.mp4'],
  },
  {
    name: 'render -o the scene file',
    promise: 'refused: the output is an input',
    setup: (w) => writeFileSync(w.at('scene.mp4'), JSON.stringify({ face: FACE, tracks: [{ subject: 0, clips: [{ start: 0, say: 'hi' }] }] })),
    args: () => ['render', '--scene', 'scene.mp4', '-o', 'scene.mp4'],
    code: 2,
    line: /scene\.mp4: /,
  },
  {
    name: 'render over an existing video',
    promise: 'refused without --overwrite; the old file is untouched',
    setup: (w) => writeFileSync(path.join(w.out, 'v.mp4'), OLD),
    args: () => ['render', '--face', FACE, '--audio', VOICE, '-o', 'out/v.mp4'],
    code: 2,
    line: exists,
    outputs: ['v.mp4'],
    after: keepsOld('v.mp4'),
  },
  {
    name: 'render --captions over existing captions',
    promise: 'refused without --overwrite: the .srt beside it would be replaced',
    setup: (w) => writeFileSync(path.join(w.out, 'v.srt'), OLD),
    args: () => ['render', '--face', FACE, '--audio', VOICE, '--captions', '-o', 'out/v.mp4'],
    code: 2,
    line: /v\.srt: already exists/,
    outputs: ['v.srt'],
    after: keepsOld('v.srt'),
  },
  {
    name: 'render -o a folder',
    promise: 'refused: a folder is not a file name',
    setup: (w) => mkdirSync(path.join(w.out, 'v.mp4')),
    args: () => ['render', '--face', FACE, '--audio', VOICE, '-o', 'out/v.mp4'],
    code: 2,
    line: /v\.mp4: is a folder/,
    outputs: ['v.mp4/'],
  },
  {
    name: 'render into a "folder" that is a file',
    promise: 'refused: part of the output path is a file',
    setup: (w) => writeFileSync(path.join(w.out, 'notes.txt'), OLD),
    args: () => ['render', '--face', FACE, '--audio', VOICE, '-o', 'out/notes.txt/v.mp4'],
    code: 2,
    line: /notes\.txt: part of the output path is a file/,
    outputs: ['notes.txt'],
  },
  {
    name: 'say over an existing WAV',
    promise: 'refused without --overwrite; the old file is untouched',
    setup: (w) => writeFileSync(path.join(w.out, 'hi.wav'), OLD),
    args: () => ['say', 'hello', '-o', 'out/hi.wav'],
    code: 2,
    line: exists,
    outputs: ['hi.wav'],
    after: keepsOld('hi.wav'),
  },
  {
    name: 'say --overwrite an existing WAV',
    promise: 'replaced whole with --overwrite',
    setup: (w) => writeFileSync(path.join(w.out, 'hi.wav'), OLD),
    args: () => ['say', 'hello', '-o', 'out/hi.wav', '--overwrite'],
    code: 0,
    outputs: ['hi.wav'],
    after: (w) => expect(readFileSync(path.join(w.out, 'hi.wav')).subarray(0, 4).toString()).toBe('RIFF'),
  },
  {
    name: 'say -o its own --text-file',
    promise: 'refused: the output is an input',
    setup: (w) => writeFileSync(w.at('script.wav'), 'Hello there.'),
    args: () => ['say', '--text-file', 'script.wav', '-o', 'script.wav', '--overwrite'],
    code: 2,
    line: isInput,
  },
  {
    name: 'say --text-file that does not exist',
    promise: 'refused: no such file',
    args: () => ['say', '--text-file', 'nowhere.txt', '-o', 'out/v.wav'],
    code: 2,
    line: /nowhere\.txt: no such file/,
  },
  {
    name: 'visemes --rhubarb over an existing file',
    promise: 'refused without --overwrite',
    setup: (w) => writeFileSync(path.join(w.out, 'cues.tsv'), OLD),
    args: () => ['visemes', VOICE, '--rhubarb', 'out/cues.tsv'],
    code: 2,
    line: exists,
    outputs: ['cues.tsv'],
    after: keepsOld('cues.tsv'),
  },
  {
    name: 'visemes --rhubarb onto a hard link of the recording',
    promise: 'refused even with --overwrite: the output is an input',
    setup: (w) => {
      copyFileSync(VOICE, w.at('voice.wav'));
      linkSync(w.at('voice.wav'), w.at('cues.tsv'));
    },
    args: () => ['visemes', 'voice.wav', '--rhubarb', 'cues.tsv', '--overwrite'],
    code: 2,
    line: isInput,
  },
  {
    name: 'analyze --overlay onto the picture',
    promise: 'refused even with --overwrite: the output is an input',
    setup: (w) => copyFileSync(FACE, w.at('me.png')),
    args: () => ['analyze', 'me.png', '--overlay', 'me.png', '--overwrite'],
    code: 2,
    line: isInput,
  },
  {
    name: 'analyze --overlay over an existing PNG',
    promise: 'refused without --overwrite',
    setup: (w) => writeFileSync(path.join(w.out, 'o.png'), OLD),
    args: () => ['analyze', FACE, '--overlay', 'out/o.png'],
    code: 2,
    line: exists,
    outputs: ['o.png'],
    after: keepsOld('o.png'),
  },
  {
    name: 'picture whose name begins with "-"',
    promise: 'read as a file, never as an ffmpeg option',
    setup: (w) => copyFileSync(FACE, w.at('-me.jpg')),
    args: () => ['analyze', '--', '-me.jpg'],
    code: 0,
  },
  {
    name: 'recording whose name looks like a protocol (take:1.wav)',
    promise: 'read as a file, never as a protocol',
    setup: (w) => copyFileSync(VOICE, w.at('take:1.wav')),
    args: () => ['visemes', 'take:1.wav'],
    code: 0,
  },
  {
    name: '--face=-x value beginning with "-" given without "="',
    promise: 'refused in one line that says how to write it',
    args: () => ['render', '--face', '-me.jpg', '--audio', VOICE, '-o', 'out/v.mp4'],
    code: 2,
    line: /--face/,
  },
  {
    name: 'spaces, accents and a leading "-" in every name, into a new folder',
    promise: 'rendered (full render), output in the new folder, nothing else left',
    setup: (w) => {
      copyFileSync(FACE, w.at('-mé photo.jpg'));
      copyFileSync(shortVoicePath(), w.at('-ma voix.wav'));
    },
    args: () => ['render', '--face=-mé photo.jpg', '--audio=-ma voix.wav', '--preset', 'square', '-o', 'out/nouveau dossier/-vidéo 1.mp4'],
    code: 0,
    outputs: ['nouveau dossier/-vidéo 1.mp4'],
    timeoutMs: 180_000,
  },
  {
    name: 'say into a name with spaces and accents in a new folder',
    promise: 'written whole',
    args: () => ['say', 'hello', '-o', 'out/ünï cödé/-voice 1.wav'],
    code: 0,
    outputs: ['ünï cödé/-voice 1.wav'],
  },
  {
    name: 'two runs writing one output at the same moment',
    promise: 'exactly one gets the file; the other is refused and replaces nothing',
    args: () => ['say', 'The same words, said twice at once.', '-o', 'out/same.wav'],
    run: raceTwo,
    code: 2,
    line: /same\.wav: already exists/,
    outputs: ['same.wav'],
  },
];

/** Two CLIs on the same arguments at once; returns the one that lost (the winner must have exited 0). */
async function raceTwo(w: CaseWorkspace, args: string[], env: NodeJS.ProcessEnv): Promise<CliOutcome> {
  const outcomes = await Promise.all([collectOutcome(startCorpusCli(w, args, env)), collectOutcome(startCorpusCli(w, args, env))]);
  const winners = outcomes.filter((o) => o.code === 0);
  expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
  expect(existsSync(path.join(w.out, 'same.wav'))).toBe(true);
  return outcomes.find((o) => o.code !== 0)!;
}
