import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { ENVELOPE_SAMPLE_RATE_HZ, decodeMonoPcm, frameEnvelope } from '../../electron/engine/quality/audio-envelope.js';
import { measureLipSync } from '../../electron/engine/quality/lip-sync.js';
import { measureVideo, seriesOf, type VideoMeasurement } from '../../electron/engine/quality/measure-video.js';
import { hasSharedMedia, media, OBAMA_VIDEO, openEngine, shiftSeries } from './quality-support.js';

let tools: FfmpegTools;
let pool: SessionPool;
let dir: string;
let obama: VideoMeasurement;
let lipGap: number[];

const envelopeOf = async (file: string) =>
  frameEnvelope(await decodeMonoPcm(tools, file), { sampleRateHz: ENVELOPE_SAMPLE_RATE_HZ, fps: obama.fps, frameCount: obama.frames.length });

beforeAll(async () => {
  ({ tools, pool } = await openEngine());
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-quality-'));
  obama = await measureVideo({ tools, pool }, media(OBAMA_VIDEO));
  lipGap = seriesOf(obama.frames, (m) => m.lipGap);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pool.release();
});

describe.skipIf(!hasSharedMedia)('lip-sync measure on a real talking head (Obama weekly address, 4.8 s)', () => {
  it('finds the face in every frame and sees the mouth open and close', () => {
    expect(obama.frames.length).toBeGreaterThan(140);
    expect(obama.frames.filter((f) => !f.detected)).toEqual([]);
    expect(Math.min(...lipGap)).toBeLessThan(0.025);
    expect(Math.max(...lipGap)).toBeGreaterThan(0.08);
  });

  it('puts the mouth–sound correlation peak within ±2 frames of 0, clearly positive', async () => {
    const result = measureLipSync({ lipGap, envelope: await envelopeOf(media(OBAMA_VIDEO)), fps: obama.fps });
    expect(Math.abs(result.peakLagFrames)).toBeLessThanOrEqual(2);
    expect(result.peakCorrelation).toBeGreaterThan(0.4);
    // The peak stands out: far from it (half a second away) the series do not match.
    const far = result.correlations.filter((c) => Math.abs(c.lagFrames - result.peakLagFrames) >= 8).map((c) => c.correlation);
    expect(Math.max(...far)).toBeLessThan(result.peakCorrelation - 0.2);
  });

  it('moves the measured lag by exactly the shift when the sound is shifted by ±5 frames', async () => {
    const envelope = await envelopeOf(media(OBAMA_VIDEO));
    const base = measureLipSync({ lipGap, envelope, fps: obama.fps }).peakLagFrames;
    expect(measureLipSync({ lipGap, envelope: shiftSeries(envelope, 5), fps: obama.fps }).peakLagFrames).toBe(base - 5);
    expect(measureLipSync({ lipGap, envelope: shiftSeries(envelope, -5), fps: obama.fps }).peakLagFrames).toBe(base + 5);
  });

  it('finds no clear peak for a still photo dubbed with the same voice (the measure does not pass by itself)', async () => {
    const still = join(dir, 'still-with-voice.mp4');
    const args = ['-v', 'error', '-y', '-loop', '1', '-framerate', '30', '-i', media('images/portrait_man_luciano_cc0.png'), '-i', media(OBAMA_VIDEO)];
    await runFfmpeg({ tools, args: [...args, '-map', '0:v', '-map', '1:a', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', still] });
    const measured = await measureVideo({ tools, pool }, still);
    const envelope = frameEnvelope(await decodeMonoPcm(tools, still), { sampleRateHz: ENVELOPE_SAMPLE_RATE_HZ, fps: measured.fps, frameCount: measured.frames.length });
    const result = measureLipSync({ lipGap: seriesOf(measured.frames, (m) => m.lipGap), envelope, fps: measured.fps });
    expect(result.peakCorrelation).toBeLessThan(0.3);
  });

  it('reads a soundtrack that starts 5 frames late in the file as 5 frames late', async () => {
    const late = join(dir, 'obama-audio-late.mp4');
    const offsetSec = (5 / obama.fps).toFixed(4);
    const source = media(OBAMA_VIDEO);
    const args = ['-v', 'error', '-y', '-i', source, '-itsoffset', offsetSec, '-i', source, '-map', '0:v', '-map', '1:a', '-c', 'copy', late];
    await runFfmpeg({ tools, args });
    const base = measureLipSync({ lipGap, envelope: await envelopeOf(source), fps: obama.fps }).peakLagFrames;
    const shifted = measureLipSync({ lipGap, envelope: await envelopeOf(late), fps: obama.fps });
    expect(shifted.peakLagFrames).toBe(base - 5);
  });
});
