import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { FACE, makeWithFfmpeg, media, VOICE, type CaseWorkspace, type CorpusCase } from './corpus-support.js';

/** The first `ratio` of a file's bytes, written to `name` in the case folder. */
function truncated(source: string, ratio: number, name: string) {
  return (w: CaseWorkspace) => {
    const bytes = readFileSync(source);
    writeFileSync(w.at(name), bytes.subarray(0, Math.floor(bytes.length * ratio)));
  };
}
const write = (name: string, content: string | Uint8Array) => (w: CaseWorkspace) => writeFileSync(w.at(name), content);
const randomBytes = (n: number) => {
  const bytes = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return bytes;
};
/** render with this face and the real voice; fails before any frame is drawn. */
const renderFace = (face: string) => () => ['render', '--face', face, '--audio', VOICE, '-o', 'out/video.mp4'];
const renderAudio = (audio: string) => () => ['render', '--face', FACE, '--audio', audio, '-o', 'out/video.mp4'];

export const IMAGE_CASES: CorpusCase[] = [
  {
    name: 'JPEG cut to 40 % of its bytes',
    promise: 'refused as damaged, never rendered with a grey/green block',
    setup: truncated(FACE, 0.4, 'face.jpg'),
    args: renderFace('face.jpg'),
    code: 2,
    line: /face\.jpg: the picture is damaged \(it ends early/,
  },
  {
    name: 'JPEG cut to 90 % (analyze)',
    promise: 'refused as damaged',
    setup: truncated(FACE, 0.9, 'face.jpg'),
    args: () => ['analyze', 'face.jpg'],
    code: 2,
    line: /face\.jpg: the picture is damaged/,
  },
  {
    name: 'PNG cut in half',
    promise: 'refused as damaged',
    setup: truncated(media('images/portrait_eileen_collins_nasa.png'), 0.5, 'face.png'),
    args: renderFace('face.png'),
    code: 2,
    line: /face\.png: the picture is damaged/,
  },
  {
    name: 'JPEG with garbage in the middle of its picture data',
    promise: 'refused as damaged',
    setup: (w) => {
      const bytes = Buffer.from(readFileSync(FACE));
      bytes.set(randomBytes(4000), Math.floor(bytes.length * 0.5));
      writeFileSync(w.at('face.jpg'), bytes);
    },
    args: () => ['analyze', 'face.jpg'],
    code: 2,
    line: /face\.jpg: the picture is damaged/,
  },
  { name: 'empty .jpg (0 bytes)', promise: 'refused: the file is empty', setup: write('face.jpg', ''), args: renderFace('face.jpg'), code: 2, line: /face\.jpg: the file is empty/ },
  {
    name: 'text file named .png',
    promise: 'refused: not a picture',
    setup: write('face.png', 'Hello, this is a shopping list, not a picture.\n'),
    args: renderFace('face.png'),
    code: 2,
    line: /face\.png: /,
  },
  { name: 'random bytes named .jpg', promise: 'refused: not a picture', setup: write('face.jpg', randomBytes(50_000)), args: renderFace('face.jpg'), code: 2, line: /face\.jpg: / },
  {
    name: 'PDF named .jpg (unsupported format)',
    promise: 'refused in one line: not a picture Mouthpiece can read',
    setup: write('face.jpg', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    args: renderFace('face.jpg'),
    code: 2,
    line: /face\.jpg: /,
  },
  {
    name: 'SVG drawing',
    promise: 'refused in one line (vector drawings are not photos)',
    setup: write('face.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="20"/></svg>'),
    args: renderFace('face.svg'),
    code: 2,
    line: /face\.svg: /,
  },
  {
    name: 'picture 20008 px wide',
    promise: 'refused: too large, before decoding it',
    setup: (w) => makeWithFfmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=20008x8', '-frames:v', '1', w.at('wide.png')]),
    args: renderFace('wide.png'),
    code: 2,
    line: /wide\.png: .*20008×8/,
  },
  {
    name: 'picture without a face',
    promise: 'refused: no face found',
    setup: (w) => makeWithFfmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=320x240', '-frames:v', '1', w.at('wall.png')]),
    args: renderFace('wall.png'),
    code: 2,
    line: /wall\.png: .*face/i,
  },
  {
    name: 'face too small to animate',
    promise: 'refused: the face is too small (or not found)',
    setup: (w) => makeWithFfmpeg(['-i', FACE, '-vf', 'scale=48:-2', w.at('tiny.png')]),
    args: renderFace('tiny.png'),
    code: 2,
    line: /tiny\.png: .*(face|px)/i,
  },
  { name: 'subject 3 of a one-face photo', promise: 'refused: names the subjects there are', args: () => ['render', '--face', FACE, '--audio', VOICE, '--subject', '3', '-o', 'out/v.mp4'], code: 2, line: /no subject 3.*only subject 0/ },
  { name: 'face is an audio file', promise: 'refused: an audio file is not a picture', args: renderFace(VOICE), code: 2, line: /en_ljspeech_LJ001-0001\.wav: .*(audio|picture|image|face)/i },
  {
    name: 'PNG named .jpg (wrong extension)',
    promise: 'read by its content: works',
    setup: (w) => copyFileSync(media('images/portrait_eileen_collins_nasa.png'), w.at('photo.jpg')),
    args: () => ['analyze', 'photo.jpg'],
    code: 0,
  },
];

export const AUDIO_CASES: CorpusCase[] = [
  { name: 'empty .wav (0 bytes)', promise: 'refused: the file is empty', setup: write('voice.wav', ''), args: renderAudio('voice.wav'), code: 2, line: /voice\.wav: the file is empty/ },
  { name: 'text file named .wav', promise: 'refused: not a sound', setup: write('voice.wav', 'not a recording\n'), args: renderAudio('voice.wav'), code: 2, line: /voice\.wav: / },
  { name: 'random bytes named .mp3', promise: 'refused: not a sound', setup: write('voice.mp3', randomBytes(40_000)), args: renderAudio('voice.mp3'), code: 2, line: /voice\.mp3: / },
  { name: 'a photo given as --audio', promise: 'refused: a picture has no sound', args: renderAudio(FACE), code: 2, line: /portrait_chris_pratt_ccby2\.jpg: .*(sound|audio)/i },
  {
    name: 'video without a sound track as --audio',
    promise: 'refused: has no sound',
    setup: (w) => makeWithFfmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=64x64:d=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', w.at('silent-film.mp4')]),
    args: renderAudio('silent-film.mp4'),
    code: 2,
    line: /silent-film\.mp4: .*(sound|audio)/i,
  },
  {
    name: 'WAV header only (no samples)',
    promise: 'refused: no sound in it',
    setup: (w) => writeFileSync(w.at('voice.wav'), readFileSync(VOICE).subarray(0, 44)),
    args: renderAudio('voice.wav'),
    code: 2,
    line: /voice\.wav: /,
  },
  {
    name: 'WAV cut to 40 % (its header says longer)',
    promise: 'refused as damaged, never lip-synced as if whole',
    setup: truncated(VOICE, 0.4, 'voice.wav'),
    args: renderAudio('voice.wav'),
    code: 2,
    line: /voice\.wav: the recording is damaged \(it ends early/,
  },
  {
    name: 'WAV cut to 40 % (visemes)',
    promise: 'refused as damaged',
    setup: truncated(VOICE, 0.4, 'voice.wav'),
    args: () => ['visemes', 'voice.wav'],
    code: 2,
    line: /voice\.wav: the recording is damaged/,
  },
  {
    name: 'Ogg cut to 30 %',
    promise: 'refused in one line, or its intact part used; never a crash',
    setup: truncated(media('audio/es_fleurs_es_000.ogg'), 0.3, 'voice.ogg'),
    args: () => ['visemes', 'voice.ogg', '--text', 'hola'],
    code: 0,
  },
  { name: 'visemes of an empty file', promise: 'refused: the file is empty', setup: write('voice.wav', ''), args: () => ['visemes', 'voice.wav'], code: 2, line: /voice\.wav: the file is empty/ },
  { name: 'visemes of a text file', promise: 'refused: not a sound', setup: write('voice.m4a', 'hello'), args: () => ['visemes', 'voice.m4a'], code: 2, line: /voice\.m4a: / },
  {
    name: 'one second of silence',
    promise: 'refused: there is nothing to lip-sync',
    setup: (w) => makeWithFfmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '1', w.at('silence.wav')]),
    args: () => ['visemes', 'silence.wav', '--json'],
    code: 2,
    line: /silence\.wav: contains only silence/,
  },
  { name: 'audio that does not exist', promise: 'refused: no such file', args: renderAudio('nowhere.wav'), code: 2, line: /nowhere\.wav: .*(no such file|not found|does not exist)/i },
  {
    name: 'audio is a folder',
    promise: 'refused: a folder, not a file',
    setup: (w) => mkdirSync(w.at('voices.wav')),
    args: renderAudio('voices.wav'),
    code: 2,
    line: /voices\.wav: .*folder/i,
  },
];

export const VIDEO_CASES: CorpusCase[] = [
  {
    name: 'MP4 cut to 50 % (index at the end lost)',
    promise: 'refused in one line',
    setup: truncated(media('video/obama_weekly_address_challenges.mp4'), 0.5, 'clip.mp4'),
    args: renderFace('clip.mp4'),
    code: 2,
    line: /clip\.mp4: /,
  },
  { name: 'empty .mp4', promise: 'refused: the file is empty', setup: write('clip.mp4', ''), args: renderFace('clip.mp4'), code: 2, line: /clip\.mp4: the file is empty/ },
  {
    name: 'video with no face in any frame',
    promise: 'refused: no face found',
    setup: (w) => makeWithFfmpeg(['-f', 'lavfi', '-i', 'color=c=blue:s=160x120:d=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', w.at('sky.mp4')]),
    args: renderFace('sky.mp4'),
    code: 2,
    line: /sky\.mp4: .*face/i,
  },
  {
    name: 'sound-only MP4 as --face',
    promise: 'refused: it has no picture',
    setup: (w) => makeWithFfmpeg(['-i', VOICE, '-t', '1', '-c:a', 'aac', w.at('voice.mp4')]),
    args: renderFace('voice.mp4'),
    code: 2,
    line: /voice\.mp4: .*(audio|picture)/i,
  },
  { name: 'face that does not exist', promise: 'refused: no such file', args: renderFace('nobody.jpg'), code: 2, line: /nobody\.jpg: .*(no such file|not found|does not exist)/i },
  {
    name: 'face is a folder',
    promise: 'refused: a folder, not a file',
    setup: (w) => mkdirSync(w.at('faces')),
    args: renderFace('faces'),
    code: 2,
    line: /faces: .*folder/i,
  },
];
