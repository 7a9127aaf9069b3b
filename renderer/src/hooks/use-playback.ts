import { useEffect, useRef } from 'react';
import { PlaybackEngine } from '../audio/playback-engine';
import { useLibraryData } from '../library/library-context';
import { useEditor, useEditorActions, useStudioContext } from '../store/editor-store';

/** Starts and stops the audio when `playing` changes, and restarts it when the timeline is edited during playback. */
export function usePlayback(onError: (message: string) => void): void {
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const { voiceById } = useLibraryData();
  const playing = useEditor((state) => state.playing);
  const rate = useEditor((state) => state.playRate);
  const doc = useEditor((state) => state.doc);
  const engine = useRef<PlaybackEngine | null>(null);
  const voiceUrl = useRef(voiceById);
  voiceUrl.current = voiceById;

  useEffect(() => {
    if (!playing) return;
    engine.current ??= new PlaybackEngine();
    const current = engine.current;
    void current.play(doc, store.getState().playheadSec, rate, (voiceId) => voiceUrl.current(voiceId)?.mediaUrl ?? null, {
      onTime: actions.setPlayhead,
      onEnded: () => actions.setPlaying(false),
      onError,
    });
    return () => current.stop();
  }, [playing, rate, doc, store, actions, onError]);
}
