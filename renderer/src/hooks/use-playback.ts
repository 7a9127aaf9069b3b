import { useEffect, useRef } from 'react';
import { loadAudioBuffer } from '../audio/audio-cache';
import { PlaybackEngine, type LoadSource } from '../audio/playback-engine';
import { scheduleAudio } from '../audio/playback-schedule';
import { loadSpeechBuffer } from '../audio/speech-cache';
import { useLibraryData } from '../library/library-context';
import { PREVIEW_FPS } from '../components/stage/preview-grid';
import { useEditor, useEditorActions, useStudioContext } from '../store/editor-store';

/** Typed lines are voiced this long after the last edit, so pressing play finds them ready. */
const PREPARE_DELAY_MS = 600;

/** Starts and stops the audio when `playing` changes, and restarts it when the timeline is edited during playback. */
export function usePlayback(onError: (message: string) => void): void {
  const { store, studio } = useStudioContext();
  const actions = useEditorActions();
  const { voiceById } = useLibraryData();
  const playing = useEditor((state) => state.playing);
  const rate = useEditor((state) => state.playRate);
  const doc = useEditor((state) => state.doc);
  const engine = useRef<PlaybackEngine | null>(null);
  const voiceUrl = useRef(voiceById);
  voiceUrl.current = voiceById;

  const loadSource = useRef<LoadSource>(async () => null);
  loadSource.current = async (source) => {
    if (source.kind === 'speech') return loadSpeechBuffer(studio, source);
    const url = voiceUrl.current(source.voiceId)?.mediaUrl;
    return url ? loadAudioBuffer(url) : null;
  };

  useEffect(() => {
    if (!playing) return;
    engine.current ??= new PlaybackEngine();
    const current = engine.current;
    void current.play(doc, store.getState().playheadSec, rate, (source) => loadSource.current(source), {
      onTime: actions.setPlayhead,
      stepSec: 1 / PREVIEW_FPS,
      onEnded: () => actions.setPlaying(false),
      onError,
    });
    return () => current.stop();
  }, [playing, rate, doc, store, actions, onError]);

  // Voice the typed lines in the background after an edit; failures show when the line is played.
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const item of scheduleAudio(doc, 0)) if (item.source.kind === 'speech') loadSource.current(item.source).catch(() => undefined);
    }, PREPARE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [doc]);
}
