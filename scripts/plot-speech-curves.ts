/**
 * `npx tsx scripts/plot-speech-curves.ts <audio> -o out.png [--text-file f | --text "…"] [--fps 30] [--from s] [--to s]`
 * Draws the waveform, the viseme track (one colour per viseme, legend on stdout), word starts and the jawOpen
 * (red) / lipPress (blue) / lipRound (green) curves on one time axis, to check by eye that the mouth follows the
 * sound.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRgbaImage, resolveFfmpegTools, writePng, type RgbaImage } from '../electron/engine/media/index.js';
import { drawLine, drawNumberLabel, fillRect, type Rgb } from '../electron/engine/media/raster-draw.js';
import { analyzeSpeech, decodeAudio, VISEMES, type Viseme } from '../electron/engine/speech/index.js';

const COLORS: Record<Viseme, Rgb> = {
  sil: [60, 60, 60],
  PP: [20, 60, 230],
  FF: [140, 90, 30],
  TH: [250, 150, 200],
  DD: [150, 150, 150],
  kk: [110, 110, 80],
  CH: [170, 60, 200],
  SS: [250, 230, 60],
  RR: [120, 220, 220],
  aa: [235, 30, 30],
  E: [250, 140, 40],
  I: [200, 240, 90],
  O: [40, 170, 70],
  U: [20, 110, 50],
};

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, text: { type: 'string' }, 'text-file': { type: 'string' }, fps: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, width: { type: 'string' } },
  });
  if (positionals.length !== 1 || !values.out) throw new Error('usage: plot-speech-curves <audio> -o out.png [--text-file f] [--fps 30] [--from s] [--to s]');
  const tools = await resolveFfmpegTools();
  const audio = await decodeAudio(tools, positionals[0]);
  const transcript = values['text-file'] ? readFileSync(values['text-file'], 'utf8') : values.text;
  const fps = Number(values.fps ?? 30);
  const a = await analyzeSpeech({ audio, transcript, fps }, {});
  const from = Number(values.from ?? 0);
  const to = Math.min(audio.durationSec, Number(values.to ?? audio.durationSec));
  const width = Number(values.width ?? 2400);
  const image = createRgbaImage(width, 720);
  image.data.fill(255); // opaque white
  const x = (t: number) => ((t - from) / (to - from)) * width;

  drawWaveform(image, audio.samples, audio.sampleRate, from, to, { top: 10, height: 170 });
  for (const v of a.visemes) if (v.end > from && v.start < to) fillRect(image, Math.round(x(v.start)), 190, Math.max(1, Math.round(x(v.end) - x(v.start))), 40, COLORS[v.viseme]);
  for (const w of a.timeline.words) drawLine(image, [x(w.start), 232], [x(w.start), 248], [0, 0, 0], 2);

  const plotTop = 260;
  const plotHeight = 400;
  const y = (v: number) => plotTop + plotHeight - v * plotHeight;
  for (const g of [0, 0.5, 0.8, 1]) drawLine(image, [0, y(g)], [width, y(g)], g === 0.8 ? [200, 200, 255] : [220, 220, 220], 1);
  for (const s of a.vad) fillRect(image, Math.round(x(s.start)), plotTop + plotHeight + 6, Math.round(x(s.end) - x(s.start)), 6, [120, 200, 120]);
  const curve = (values: number[], color: Rgb, thickness: number) => {
    for (let k = 1; k < values.length; k++) {
      const [t0, t1] = [(k - 1) / fps, k / fps];
      if (t1 < from || t0 > to) continue;
      drawLine(image, [x(t0), y(values[k - 1])], [x(t1), y(values[k])], color, thickness);
    }
  };
  curve(a.loudness, [190, 190, 190], 1);
  curve(a.curves.lipRound, [40, 170, 70], 1);
  curve(a.curves.jawOpen, [220, 30, 30], 2);
  curve(a.curves.lipPress, [20, 60, 230], 2);
  for (let s = Math.ceil(from); s <= to; s++) {
    drawLine(image, [x(s), plotTop + plotHeight], [x(s), plotTop + plotHeight + 18], [0, 0, 0], 1);
    drawNumberLabel(image, s, x(s) + 3, plotTop + plotHeight + 16, 3, [255, 255, 255]);
  }
  VISEMES.forEach((v, i) => {
    fillRect(image, 10 + i * 60, 695, 22, 18, COLORS[v]);
    drawNumberLabel(image, i, 36 + i * 60, 697, 2, [255, 255, 255]);
  });
  await writePng(tools, image, values.out);
  console.log(`${values.out}: ${a.timeline.source}, ${a.visemes.length} visemes, ${from}–${to} s`);
  console.log(`legend (boxes at the bottom): ${VISEMES.map((v, i) => `${i}=${v}`).join(' ')}; red jawOpen, blue lipPress, green lipRound, grey loudness, black ticks = word starts, green bar = VAD`);
}

function drawWaveform(image: RgbaImage, samples: Float32Array, rate: number, from: number, to: number, { top, height }: { top: number; height: number }) {
  const mid = top + height / 2;
  let peak = 1e-6;
  for (let i = Math.floor(from * rate); i < Math.min(samples.length, to * rate); i++) peak = Math.max(peak, Math.abs(samples[i]));
  for (let px = 0; px < image.width; px++) {
    const a = Math.floor((from + ((to - from) * px) / image.width) * rate);
    const b = Math.min(samples.length, Math.floor((from + ((to - from) * (px + 1)) / image.width) * rate));
    let lo = 0;
    let hi = 0;
    for (let i = a; i < b; i++) {
      lo = Math.min(lo, samples[i]);
      hi = Math.max(hi, samples[i]);
    }
    fillRect(image, px, Math.round(mid - (hi / peak) * (height / 2)), 1, Math.max(1, Math.round(((hi - lo) / peak) * (height / 2))), [90, 90, 90]);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
