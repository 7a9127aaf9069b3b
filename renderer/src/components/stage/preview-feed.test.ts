import { describe, expect, it } from 'vitest';
import { createPreviewFeed, type FeedRequest } from './preview-feed';

/** A fake engine whose answers the test releases one by one, on a clock the test moves. */
function harness(fps = 25, maxInFlight?: number) {
  let clockMs = 0;
  const open: { request: FeedRequest; answer: () => void }[] = [];
  const shown: FeedRequest[] = [];
  const feed = createPreviewFeed<FeedRequest>({
    fps,
    maxInFlight,
    now: () => clockMs,
    fetchFrame: (request) => new Promise((resolve) => open.push({ request, answer: () => resolve(request) })),
    onResult: (result) => shown.push(result),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const answerOldest = async (afterMs = 40) => {
    clockMs += afterMs;
    open.shift()?.answer();
    await settle();
  };
  return { feed, open, shown, answerOldest, settle };
}

describe('createPreviewFeed', () => {
  it('paused: one request at a time, the newest playhead next, quick first and exact once it rests', async () => {
    const { feed, open, shown, answerOldest } = harness();
    feed.update(0.2, false);
    feed.update(0.4, false);
    feed.update(0.6, false);
    expect(open.map((o) => o.request)).toEqual([{ timeSec: 0.2, quality: 'playback' }]);
    await answerOldest();
    expect(open.map((o) => o.request)).toEqual([{ timeSec: 0.6, quality: 'playback' }]);
    await answerOldest();
    expect(open.map((o) => o.request)).toEqual([{ timeSec: 0.6, quality: 'still' }]);
    await answerOldest();
    expect(shown).toEqual([
      { timeSec: 0.2, quality: 'playback' },
      { timeSec: 0.6, quality: 'playback' },
      { timeSec: 0.6, quality: 'still' },
    ]);
    feed.update(0.6, false);
    expect(open).toHaveLength(0);
    // scrubbing back is shown too
    feed.update(0.2, false);
    await answerOldest();
    expect(shown.at(-1)).toEqual({ timeSec: 0.2, quality: 'playback' });
  });

  it('playing: up to three requests in flight, ahead of the playhead, each frame once and never backwards', async () => {
    const { feed, open, shown, answerOldest } = harness();
    feed.update(1, true);
    expect(open.map((o) => o.request.quality)).toEqual(['playback', 'playback']);
    const asked = new Set<number>();
    for (let step = 0; step < 50; step += 1) {
      feed.update(1 + step * 0.04, true);
      for (const { request } of open) asked.add(Math.round(request.timeSec * 25));
      await answerOldest(40);
    }
    const times = shown.map((r) => r.timeSec);
    expect(times.length).toBeGreaterThan(40);
    expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
    // asked ahead of the playhead: the last frame asked for is at or past where the playhead got to
    expect(Math.max(...asked) / 25).toBeGreaterThanOrEqual(1 + 49 * 0.04);
    expect(open.length).toBeLessThanOrEqual(3);
  });

  it('round trips that vary widen the lead, so a slow answer still comes before its frame is due', async () => {
    // one request at a time, so each round trip is the engine's answer alone
    const { feed, open, answerOldest } = harness(30, 1);
    let playheadSec = 1;
    feed.update(playheadSec, true);
    for (let step = 0; step < 60; step += 1) {
      playheadSec += 1 / 30;
      feed.update(playheadSec, true);
      await answerOldest(step % 2 ? 90 : 30); // 60 ms on average, 90 ms every other frame
    }
    const leadSec = Math.max(...open.map((o) => o.request.timeSec)) - playheadSec;
    // a lead of the mean round trip and a frame (0.093 s) lost every slow frame: it came back after its time
    expect(leadSec).toBeGreaterThanOrEqual(0.15);
    expect(leadSec).toBeLessThanOrEqual(0.5 + 1 / 30);
  });

  it('an edit drops the frames already asked for and asks again', async () => {
    const { feed, open, shown, answerOldest } = harness();
    feed.update(0.48, false);
    feed.invalidate();
    expect(open).toHaveLength(2);
    await answerOldest();
    expect(shown).toHaveLength(0);
    await answerOldest();
    expect(shown.map((r) => r.timeSec)).toEqual([0.48]);
    await answerOldest();
    expect(shown).toEqual([
      { timeSec: 0.48, quality: 'playback' },
      { timeSec: 0.48, quality: 'still' },
    ]);
  });

  it('playing: asks for no frame past the scene end, until an edit may have moved it', async () => {
    const { feed, open, answerOldest } = harness();
    feed.setEnd(1.1);
    feed.update(1, true);
    const asked: number[] = [];
    for (let step = 0; step < 10; step += 1) {
      feed.update(1 + step * 0.04, true);
      for (const { request } of open) if (!asked.includes(request.timeSec)) asked.push(request.timeSec);
      await answerOldest(40);
    }
    expect(asked.length).toBeGreaterThan(0);
    expect(Math.max(...asked)).toBeLessThan(1.1);
    while (open.length) await answerOldest(40);
    feed.invalidate();
    expect(open.length).toBeGreaterThan(0);
    expect(Math.max(...open.map((o) => o.request.timeSec))).toBeGreaterThanOrEqual(1.1);
  });

  it('playing starts asking near the playhead however long the stills took', async () => {
    const { feed, open, answerOldest } = harness();
    feed.update(1, false);
    await answerOldest(400);
    await answerOldest(400);
    feed.update(1, true);
    expect(Math.min(...open.map((o) => o.request.timeSec))).toBeLessThanOrEqual(1 + 3 / 25);
  });

  it('a frame asked for while a still was still being drawn does not stretch the lead', async () => {
    const { feed, open, answerOldest } = harness();
    feed.update(1, false);
    await answerOldest(40); // the quick frame; the exact still is now being drawn
    feed.update(1, true); // play: one playback frame queues behind the still
    await answerOldest(400); // the still, slow
    await answerOldest(40); // the queued frame's round trip was 440 ms, most of it the still's
    expect(Math.max(...open.map((o) => o.request.timeSec))).toBeLessThanOrEqual(1 + 3 / 25);
  });
});
