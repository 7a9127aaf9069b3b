import { writeFileSync } from 'node:fs';
import { SAMPLE_FACE } from '../helpers/shared-media.js';
import { FACE, VOICE, type CaseWorkspace, type CorpusCase } from './corpus-support.js';

/** render with the good face and voice plus these options: all refused before the engine starts. */
const render = (...extra: string[]) => () => ['render', '--face', FACE, '--audio', VOICE, '-o', 'out/v.mp4', ...extra];
const option = (name: string, args: () => string[], line: RegExp, promise = 'refused in one line naming the option'): CorpusCase => ({ name, promise, args, code: 2, line });

export const OPTION_CASES: CorpusCase[] = [
  option('unknown option', render('--bogus'), /unknown option --bogus\. Run `mouthpiece render --help`/),
  option('unknown command', () => ['rendr', '--face', FACE], /unknown command "rendr"/),
  option('--fps abc', render('--fps', 'abc'), /--fps must be between 1 and 120, got "abc"/),
  option('--fps 0', render('--fps', '0'), /--fps must be between 1 and 120/),
  option('--fps 1000', render('--fps', '1000'), /--fps must be between 1 and 120/),
  option('--subject -1 (value beginning with "-")', render('--subject', '-1'), /--subject/),
  option('--subject 1.5', render('--subject', '1.5'), /--subject must be a whole number/),
  option('--seed x', render('--seed', 'x'), /--seed must be a whole number/),
  option('--preset nope', render('--preset', 'nope'), /nope/),
  option('--audio and --say together', () => ['render', '--face', FACE, '--audio', VOICE, '--say', 'hi', '-o', 'out/v.mp4'], /either --audio or --say/),
  option('no -o', () => ['render', '--face', FACE, '--audio', VOICE], /an output file is needed/),
  option('-o without a value', () => ['render', '--face', FACE, '--audio', VOICE, '-o'], /--out needs a value/),
  option('--json=3 (a switch given a value)', render('--json=3'), /--json is a switch/),
  option('--caption-style without --captions', render('--caption-style', 'reel'), /--caption-style needs --captions/),
  option('--caption-style comic', render('--captions', '--caption-style', 'comic'), /--caption-style must be clean or reel/),
  option('--voice without --say', render('--voice', 'en-us'), /--voice applies to --say/),
  option('--text without --audio', () => ['render', '--face', FACE, '--say', 'hello', '--text', 'hello', '-o', 'out/v.mp4'], /--text is the transcript of --audio/),
  option('nothing to say', () => ['render', '--face', FACE, '-o', 'out/v.mp4'], /nothing to say/),
  option('--say with only spaces', () => ['render', '--face', FACE, '--say', '   ', '-o', 'out/v.mp4'], /--say needs some text/),
  option('the sample face with a subject it does not have', () => ['render', '--face', 'sample', '--audio', VOICE, '--subject', '3', '-o', 'out/v.mp4'], /no subject 3/),
  option('output named .avi', () => ['render', '--face', FACE, '--audio', VOICE, '-o', 'out/v.avi'], /v\.avi: the output must be an \.mp4/),
  option('say without text', () => ['say', '-o', 'out/v.wav'], /say needs the text/),
  option('say to .mp3', () => ['say', 'hello', '-o', 'out/v.mp3'], /v\.mp3: say writes WAV/),
  option('say --rate fast', () => ['say', 'hello', '-o', 'out/v.wav', '--rate', 'fast'], /--rate must be a number/),
  option('say --voice xx-nowhere', () => ['say', 'hello', '-o', 'out/v.wav', '--voice', 'xx-nowhere'], /xx-nowhere/),
  option('batch without a manifest', () => ['batch', '-o', 'out'], /give the manifest/),
  option('batch --overwrite --skip-existing', () => ['batch', 'm.csv', '-o', 'out', '--overwrite', '--skip-existing'], /contradict/),
  option('batch --parallel 0', () => ['batch', 'm.csv', '-o', 'out', '--parallel', '0'], /--parallel must be a whole number/),
  option('visemes --fps=-3', () => ['visemes', VOICE, '--fps=-3'], /--fps must be a number between 0 and 240/),
  option('analyze two files', () => ['analyze', FACE, FACE], /analyze takes exactly one picture/),
  option('analyze --overlay to .jpg', () => ['analyze', FACE, '--overlay', 'out/o.jpg'], /o\.jpg: --overlay writes a PNG/),
  option('visemes --rhubarb to .wav', () => ['visemes', VOICE, '--rhubarb', 'out/cues.wav'], /cues\.wav: --rhubarb writes \.tsv or \.json/),
];

const scene = (content: string) => (w: CaseWorkspace) => writeFileSync(w.at('scene.json'), content);
const sceneCase = (name: string, content: string, line: RegExp, extra: string[] = []): CorpusCase => ({
  name,
  promise: 'refused in one line naming the scene file and the field',
  setup: scene(content),
  args: () => ['render', '--scene', 'scene.json', '-o', 'out/v.mp4', ...extra],
  code: 2,
  line,
});
// The bundled sample face, so these cases also run in a clone without the media corpus.
const track = (clip: object) => JSON.stringify({ face: SAMPLE_FACE, tracks: [{ subject: 0, clips: [clip] }] });

export const SCENE_CASES: CorpusCase[] = [
  sceneCase('scene that is not JSON', '{ face: photo.jpg, tracks: [', /scene\.json: /),
  sceneCase('empty scene file', '', /scene\.json: /),
  sceneCase('scene that is a list', '[]', /scene\.json: /),
  sceneCase('scene without tracks', JSON.stringify({ face: FACE, tracks: [] }), /scene\.json: /),
  sceneCase('scene without a face', JSON.stringify({ tracks: [{ subject: 0, clips: [{ start: 0, say: 'hi' }] }] }), /scene\.json: .*face/),
  sceneCase('scene clip starting at -2 s', track({ start: -2, say: 'hello' }), /scene\.json: .*start/),
  sceneCase('scene clip with audio and say', track({ start: 0, say: 'hello', audio: VOICE }), /scene\.json: /),
  sceneCase('scene clip whose audio is missing', track({ start: 0, audio: 'nowhere.wav' }), /nowhere\.wav/),
  sceneCase('scene with --audio as well', track({ start: 0, say: 'hello' }), /--scene holds the clips/, ['--audio', VOICE]),
  { name: 'scene file that does not exist', promise: 'refused: scene file not found', args: () => ['render', '--scene', 'nowhere.json', '-o', 'out/v.mp4'], code: 2, line: /nowhere\.json: scene file not found/ },
];
