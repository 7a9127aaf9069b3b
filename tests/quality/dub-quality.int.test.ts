/**
 * The footage dub measured on its output: real clips (GRID, Obama) dubbed with other recordings, with a typed line in
 * the built-in voice and with their own sound, then analysed frame by frame with our face analysis. Lip sync to the
 * new voice, what is left of the old mouth, how untouched the rest of the picture is, and how well the dub
 * reconstructs the real mouth. Longer clips made by joining these: dub-joined-quality.int.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { laggedCorrelation } from '../../electron/engine/quality/lip-sync.js';
import { measureVideo } from '../../electron/engine/quality/measure-video.js';
import { dubWithCli, expectGoodDub, lipGapOf, measureDub, useDubEngine } from './dub-measures.js';
import { hasSharedMedia, media, OBAMA_VIDEO } from './quality-support.js';

const GRID = media('video/grid_brbk7n.mpg');
const GRID_OTHER = media('video/grid_lbax4n.mpg');
const OBAMA = media(OBAMA_VIDEO);
const OBAMA_OTHER = media('video/obama_weekly_address_progress.mp4');

const deps = useDubEngine('mouthpiece-dub-quality-');

describe.skipIf(!hasSharedMedia)('dubbing real footage, measured on the output', () => {
  it('GRID dubbed with another speaker: the mouth follows the new voice, not the old one, and the rest stays', async () => {
    const figures = await measureDub(deps(), { label: 'GRID brbk7n dubbed with lbax4n', face: GRID, voice: ['--audio', GRID_OTHER], name: 'grid-other', unrelatedAudio: GRID_OTHER, analysisMaxSide: 360 });
    expectGoodDub(figures);
  }, 900_000);

  it('GRID dubbed with a typed line in the built-in voice: the mouth follows the line, not the old recording', async () => {
    const voice = ['--say', 'Set the blue box by the window, then place two cups on it.', '--voice', 'en-us'];
    const figures = await measureDub(deps(), { label: 'GRID brbk7n dubbed with a typed line (en-us)', face: GRID, voice, name: 'grid-say', unrelatedAudio: GRID_OTHER, analysisMaxSide: 360 });
    expectGoodDub(figures);
  }, 900_000);

  it('GRID dubbed with its own sound reconstructs its own mouth (inner-lip gap per frame correlates)', async () => {
    const original = await measureVideo(deps(), GRID);
    const out = await dubWithCli(deps(), { face: GRID, voice: ['--audio', GRID], name: 'grid-self' });
    const dubbed = await measureVideo(deps(), out, { maxSide: 360 });
    const n = Math.min(original.frames.length, dubbed.frames.length);
    const correlation = laggedCorrelation(lipGapOf(dubbed).slice(0, n), lipGapOf(original).slice(0, n), 0);
    console.info(`GRID brbk7n dubbed with its own sound: inner-lip gap correlation with the original ${correlation.toFixed(2)} over ${n} frames`);
    expect(correlation).toBeGreaterThan(0.4);
  }, 900_000);

  it('Obama dubbed with another address: lip sync to the new voice within ±1 frame, the old mouth gone, the frame kept', async () => {
    const figures = await measureDub(deps(), { label: 'Obama dubbed with another address', face: OBAMA, voice: ['--audio', OBAMA_OTHER], name: 'obama-other', unrelatedAudio: OBAMA_OTHER, analysisMaxSide: 1280 });
    expectGoodDub(figures);
  }, 1_800_000);
});
