import { hasSharedMedia } from '../../../tests/helpers/shared-media.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../install-layout.js';
import { createEngineContext, type EngineContext } from '../engine-context.js';
import { trackVideoSubject } from '../face/track-video.js';
import { probeMedia } from '../media/index.js';
import { media } from '../media/test-support/media-fixtures.js';
import { laggedCorrelation } from '../quality/lip-sync.js';
import { measureMouthShape } from '../synth/mouth-bank/mouth-shape.js';
import { trackMouthBank } from './track-mouth-bank.js';

const OBAMA = media('video/obama_weekly_address_dramatically_worse.mp4');

let engine: EngineContext;
beforeAll(async () => {
  engine = await createEngineContext(defaultModelPaths());
});
afterAll(async () => {
  await engine?.close();
});

describe.skipIf(!hasSharedMedia)('the mouth bank of a tracked clip', () => {
  it("labels each banked mouth by its own frame's lips (centred on its neighbours), not by the smoothed track, which lags them", async () => {
    const deps = { tools: engine.tools, pool: engine.pool };
    const info = await probeMedia(deps.tools, OBAMA);
    const clip = { path: OBAMA, width: info.width ?? 0, height: info.height ?? 0, fps: info.fps ?? 30, durationSec: info.durationSec ?? 1 };
    const { bank } = await trackMouthBank(deps, clip, 0);
    const track = await trackVideoSubject(deps, OBAMA, clip, { keepRaw: true });
    const own: number[] = [];
    const smoothed: number[] = [];
    const banked: number[] = [];
    for (const entry of bank.entries) {
      const frame = track.frames[entry.frameIndex];
      if (!frame.rawLandmarks || !frame.landmarks) continue;
      own.push(measureMouthShape(frame.rawLandmarks).opening);
      smoothed.push(measureMouthShape(frame.landmarks).opening);
      banked.push(entry.shape.opening);
    }
    expect(banked.length).toBeGreaterThan(0.9 * track.frames.length);
    const [smoothedFit, bankedFit] = [laggedCorrelation(smoothed, own, 0), laggedCorrelation(banked, own, 0)];
    console.info(`lip opening of each banked frame against its own mesh: banked ${bankedFit.toFixed(3)}, the smoothed track ${smoothedFit.toFixed(3)}`);
    expect(bankedFit).toBeGreaterThan(0.9);
    expect(bankedFit).toBeGreaterThan(smoothedFit + 0.05);
  }, 300_000);
});
