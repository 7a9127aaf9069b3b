import type { ProjectDocument } from '../../../electron/contract/project-document';
import { sharedAudioContext } from './audio-cache';
import { playheadStepOf } from './playhead-step';
import { scheduleAudio, timelineEndSec, type AudioSource } from './playback-schedule';

export interface PlaybackCallbacks {
  onTime(seconds: number): void;
  /**
   * Report the playhead only when it enters the next step of this size (the preview's frame grid, each step centred
   * on a frame's time: see `playheadStepOf`), not on every display refresh: each report lays out and repaints the
   * timeline, and at 60 Hz that took the page's CPU from the preview frames. Unset: every refresh.
   */
  stepSec?: number;
  onEnded(): void;
  onError(message: string): void;
}

/** Margin so the first sources are scheduled before their start time passes. */
const START_LEAD_SEC = 0.05;

/** The decoded sound of a clip's source, or null when there is none to play (a recording missing from the library). */
export type LoadSource = (source: AudioSource) => Promise<AudioBuffer | null>;

/**
 * Plays the timeline's clips (recordings, and typed lines in their built-in voice) through Web Audio and reports the playhead from the audio clock, so the picture
 * follows the sound rather than a timer that drifts.
 */
export class PlaybackEngine {
  private sources: AudioBufferSourceNode[] = [];
  private frame = 0;
  private session = 0;

  /** `rate` above zero plays the audio that much faster; below zero moves the playhead backwards in silence. */
  async play(doc: ProjectDocument, fromSec: number, rate: number, loadSource: LoadSource, callbacks: PlaybackCallbacks): Promise<void> {
    this.stop();
    const session = ++this.session;
    const context = sharedAudioContext();
    if (context.state === 'suspended') await context.resume();
    const scheduled = rate > 0 ? scheduleAudio(doc, fromSec) : [];
    const buffers = await Promise.all(
      scheduled.map(async (item) => {
        try {
          return await loadSource(item.source);
        } catch (error) {
          callbacks.onError(error instanceof Error ? error.message : String(error));
          return null;
        }
      }),
    );
    if (session !== this.session) return;
    const startAt = context.currentTime + START_LEAD_SEC;
    scheduled.forEach((item, index) => {
      const buffer = buffers[index];
      if (!buffer || item.durationSec <= 0) return;
      // A synthesised line plays to its own end: its length on the timeline is an estimate until then.
      const durationSec = item.source.kind === 'speech' ? buffer.duration - item.offsetSec : item.durationSec;
      if (durationSec <= 0) return;
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.playbackRate.value = rate;
      source.connect(context.destination);
      // The offset and duration are in the recording's own time; only the wait until it starts shrinks with the rate.
      source.start(startAt + item.delaySec / rate, item.offsetSec, durationSec);
      this.sources.push(source);
    });
    const endSec = timelineEndSec(doc);
    let reportedStep = NaN;
    const tick = () => {
      if (session !== this.session) return;
      const seconds = fromSec + Math.max(0, context.currentTime - startAt) * rate;
      const limit = rate > 0 ? endSec : 0;
      if (rate > 0 ? seconds >= endSec : seconds <= 0) {
        callbacks.onTime(limit);
        this.stop();
        callbacks.onEnded();
        return;
      }
      const step = callbacks.stepSec ? playheadStepOf(seconds, callbacks.stepSec) : seconds;
      if (step !== reportedStep) callbacks.onTime(seconds);
      reportedStep = step;
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  stop(): void {
    this.session++;
    cancelAnimationFrame(this.frame);
    for (const source of this.sources) {
      try {
        source.stop();
      } catch {
        // A source that never started throws on stop; there is nothing to stop then.
      }
      source.disconnect();
    }
    this.sources = [];
  }
}
