/**
 * Longer footage with a shot cut: real clips joined one after the other (two GRID sentences; two Obama addresses),
 * dubbed with another recording and with a typed line in the built-in voice, and measured on the output exactly as
 * dub-quality.int.test.ts measures the single clips (the tracker has to pick the face up again after the cut).
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { joinClips } from '../helpers/join-clips.js';
import { expectGoodDub, measureDub, useDubEngine } from './dub-measures.js';
import { hasSharedMedia, media } from './quality-support.js';

const GRID_A = media('video/grid_brbk7n.mpg');
const GRID_B = media('video/grid_lbax4n.mpg');
const OBAMA_A = media('video/obama_weekly_address_dramatically_worse.mp4');
const OBAMA_B = media('video/obama_weekly_address_past_years.mp4');
const OBAMA_UNRELATED = media('video/obama_weekly_address_town_halls.mp4');

const deps = useDubEngine('mouthpiece-dub-joined-');

describe.skipIf(!hasSharedMedia)('dubbing joined clips (a shot cut in the middle), measured on the output', () => {
  it('two GRID sentences (6 s) dubbed with the two sentences the other way round', async () => {
    const face = await joinClips(deps().tools, [GRID_A, GRID_B], join(deps().dir, 'grid-ab.mp4'));
    const voice = await joinClips(deps().tools, [GRID_B, GRID_A], join(deps().dir, 'grid-ba.mp4'));
    const figures = await measureDub(deps(), { label: 'GRID brbk7n+lbax4n dubbed with lbax4n+brbk7n', face, voice: ['--audio', voice], name: 'grid-ab-other', unrelatedAudio: voice, analysisMaxSide: 360 });
    expectGoodDub(figures);
  }, 900_000);

  it('two GRID sentences (6 s) dubbed with a typed line in the built-in voice', async () => {
    const face = await joinClips(deps().tools, [GRID_A, GRID_B], join(deps().dir, 'grid-ab-for-say.mp4'));
    const unrelated = await joinClips(deps().tools, [GRID_B, GRID_A], join(deps().dir, 'grid-ba-for-say.mp4'));
    const voice = ['--say', 'Set the blue box by the window, then place two green cups on the white table again.', '--voice', 'en-us'];
    const figures = await measureDub(deps(), { label: 'GRID brbk7n+lbax4n dubbed with a typed line (en-us)', face, voice, name: 'grid-ab-say', unrelatedAudio: unrelated, analysisMaxSide: 360 });
    expectGoodDub(figures);
  }, 900_000);

  it('two Obama addresses (4.7 s, a cut between them) dubbed with a typed line in the built-in voice', async () => {
    const face = await joinClips(deps().tools, [OBAMA_A, OBAMA_B], join(deps().dir, 'obama-ab.mp4'));
    const voice = ['--say', 'We will keep working together, because our families deserve better than this.', '--voice', 'en-us'];
    const figures = await measureDub(deps(), { label: 'Obama dramatically_worse+past_years dubbed with a typed line (en-us)', face, voice, name: 'obama-ab-say', unrelatedAudio: OBAMA_UNRELATED, analysisMaxSide: 1280 });
    expectGoodDub(figures);
  }, 1_800_000);
});
