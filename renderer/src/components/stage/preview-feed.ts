/**
 * Which preview frames to ask the engine for, and when. Paused, only the frame at the playhead matters: one request
 * at a time, the newest playhead wins, first as a quick JPEG and then, once the playhead rests, as exact pixels (PNG).
 * Playing, frames are asked for ahead of the playhead by the measured round
 * trip, its spread and a frame more, with three in flight so the engine draws the next frame while the page fetches
 * and decodes the last ones; a frame that comes back older than one already handed on is dropped, so the picture
 * never steps backwards. (The caller shows each when the sound reaches its time: see `createDueFrames`.)
 */
export type PreviewQuality = 'still' | 'playback';

export interface FeedRequest {
  timeSec: number;
  quality: PreviewQuality;
}

export interface PreviewFeedOptions<Result> {
  fetchFrame(request: FeedRequest): Promise<Result>;
  /** A frame to show (or a refusal); `request` says which time it was asked for, `playing` whether during playback. */
  onResult(result: Result, request: FeedRequest, playing: boolean): void;
  /** The grid frames are asked for on while playing. */
  fps: number;
  /** Requests open at once while playing. */
  maxInFlight?: number;
  now?: () => number;
}

export interface PreviewFeed {
  /** The playhead moved, or playback started or stopped. */
  update(playheadSec: number, playing: boolean): void;
  /** What the frames show changed (an edit, consent): frames already asked for are dropped and asked for again. */
  invalidate(): void;
  /** Where the scene ends: playing, no frame past it is asked for (the picture holds its last frame there). */
  setEnd(endSec: number): void;
}

/** Frames are asked for at most this far ahead of the playhead, whatever the round trip seems to be. */
const MAX_LEAD_SEC = 0.5;
/** Weight of the newest round trip in the running estimates (its mean and its spread). */
const LATENCY_WEIGHT = 0.25;
/**
 * Spreads of the round trip added to the lead. Round trips vary by a factor of two or more while playing (the page's
 * main thread paints between the fetch and the decode), and a frame that comes back after its time is lost: a lead of
 * the mean alone lost one frame in six.
 */
const LEAD_SPREADS = 3;

export function createPreviewFeed<Result>({ fetchFrame, onResult, fps, maxInFlight = 3, now = () => performance.now() }: PreviewFeedOptions<Result>): PreviewFeed {
  let playheadSec = 0;
  let playing = false;
  let generation = 0;
  let inFlight = 0;
  /** Exact stills (PNG) asked for and not back yet: the engine draws one request at a time. */
  let stillsInFlight = 0;
  let latencySec = 1 / fps;
  let latencySpreadSec = 0;
  let endSec = Infinity;
  /** The last frame index asked for while playing, and the newest shown. */
  let lastAskedIndex = -1;
  let shownIndex = -1;
  /** Paused: the frame index on screen or asked for (quick, then exact). */
  let quickIndex: number | null = null;
  let exactIndex: number | null = null;

  const ask = (index: number, quality: PreviewQuality) => {
    const inOrder = playing;
    // a frame queued behind a still measures the still, not playback (Play pressed while the exact frame was drawn)
    const measured = inOrder && stillsInFlight === 0;
    const isStill = quality === 'still';
    if (isStill) stillsInFlight += 1;
    const request = { timeSec: index / fps, quality };
    const askedIn = generation;
    const started = now();
    inFlight += 1;
    void fetchFrame(request)
      .then((result) => {
        if (askedIn !== generation) return;
        // only playback's own round trips: a still (PNG) or the first frame after an edit takes several times as long,
        // and frames asked for that far ahead left the picture standing for the first half second of playback
        if (measured) {
          const error = (now() - started) / 1000 - latencySec;
          latencySec += LATENCY_WEIGHT * error;
          latencySpreadSec += LATENCY_WEIGHT * (Math.abs(error) - latencySpreadSec);
        }
        if (inOrder) {
          if (index <= shownIndex) return;
          shownIndex = index;
        }
        onResult(result, request, inOrder);
      })
      .finally(() => {
        if (isStill) stillsInFlight -= 1;
        if (askedIn === generation) inFlight -= 1;
        pump();
      });
  };

  const pump = () => {
    if (playing) {
      // a frame's margin over the round trip: a frame that comes early waits for its time, one that comes late is lost
      const leadSec = Math.min(MAX_LEAD_SEC, latencySec + LEAD_SPREADS * latencySpreadSec + 1 / fps);
      while (inFlight < maxInFlight) {
        const target = Math.round((playheadSec + leadSec) * fps);
        const index = Math.max(target, lastAskedIndex + 1);
        // never further ahead than the lead allows: wait for the playhead instead
        if (index > target + 1 || index / fps >= endSec) return;
        lastAskedIndex = index;
        ask(index, 'playback');
      }
      return;
    }
    if (inFlight > 0) return; // asked again when the open request comes back
    const index = Math.round(playheadSec * fps);
    if (index !== quickIndex) {
      quickIndex = index;
      ask(index, 'playback');
    } else if (index !== exactIndex) {
      exactIndex = index;
      ask(index, 'still');
    }
  };

  return {
    update(nextPlayheadSec, nextPlaying) {
      if (nextPlaying && !playing) {
        lastAskedIndex = Math.round(nextPlayheadSec * fps) - 1;
        shownIndex = -1;
      }
      if (!nextPlaying && playing) quickIndex = exactIndex = null;
      playheadSec = nextPlayheadSec;
      playing = nextPlaying;
      pump();
    },
    invalidate() {
      generation += 1;
      endSec = Infinity;
      inFlight = 0;
      quickIndex = exactIndex = null;
      lastAskedIndex = Math.round(playheadSec * fps) - 1;
      shownIndex = -1;
      pump();
    },
    setEnd(nextEndSec) {
      endSec = nextEndSec;
    },
  };
}
