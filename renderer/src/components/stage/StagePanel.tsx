import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { subjectsSpeakingAt } from '../../audio/playback-schedule';
import { useImport } from '../../library/import-context';
import { useLibraryData } from '../../library/library-context';
import { useEditor, useEditorActions } from '../../store/editor-store';
import { ErrorMessage } from '../common/ErrorMessage';
import { PRESET_LABELS } from '../inspector/ExportSection';
import { ConsentPrompt } from './ConsentPrompt';
import { captionTextAt, computeExportFrame, planExportShots, shotFraming, shotKeyAt } from './export-frame';
import { ExportFrameOverlay } from './ExportFrameOverlay';
import { EmptyStage } from './EmptyStage';
import { StageDropNotice } from './StageDropNotice';
import { useStageDrop } from './use-stage-drop';
import { PreviewControls } from './PreviewControls';
import { StagePicture } from './StagePicture';
import { SubjectOverlay } from './SubjectOverlay';
import { useFaceAnalysis } from './use-face-analysis';
import { fitInside, useElementSize } from './use-element-size';
import { usePreviewFrame } from './use-preview-frame';
import { useSpokenLengths } from './use-spoken-lengths';

/** The picture being animated, its subjects to pick the speaker from, and the transport under it. */
export function StagePanel({ booting }: { booting: boolean }) {
  const faceId = useEditor((state) => state.doc.stage.faceId);
  const selected = useEditor((state) => state.doc.selectedSubject);
  const tracks = useEditor((state) => state.doc.tracks);
  const playing = useEditor((state) => state.playing);
  const actions = useEditorActions();
  const { faceById, listing } = useLibraryData();
  const { chooseFiles } = useImport();
  const face = faceById(faceId);
  const analysis = useFaceAnalysis(faceId);
  const area = useRef<HTMLDivElement>(null);
  const box = useElementSize(area);
  const preview = usePreviewFrame(face?.consent ?? false);
  const drop = useStageDrop();
  const [pictureError, setPictureError] = useState<string | null>(null);
  const onPictureError = useCallback((message: string) => setPictureError(message), []);
  const speaking = useMemo(() => new Set(tracks.map((track) => track.subject)), [tracks]);
  const talkingKey = useEditor((state) => subjectsSpeakingAt(state.doc, state.playheadSec).join(','));
  const talking = useMemo(() => new Set(talkingKey === '' ? [] : talkingKey.split(',').map(Number)), [talkingKey]);

  const view = analysis.status === 'ready' ? analysis.analysis : null;
  const pictureSize = { width: view?.width ?? face?.width ?? 0, height: view?.height ?? face?.height ?? 0 };
  const fitted = fitInside(box, pictureSize);
  const exportSettings = useEditor((state) => state.doc.export);
  const speakers = useMemo(() => tracks.filter((track) => track.clips.length > 0).map((track) => track.subject), [tracks]);
  const wholeFraming = useMemo(
    () => (view?.status === 'done' ? computeExportFrame({ width: pictureSize.width, height: pictureSize.height, subjects: view.subjects, speakers, preset: exportSettings.preset }) : null),
    [view, pictureSize.width, pictureSize.height, speakers, exportSettings.preset],
  );
  const spokenSec = useSpokenLengths(tracks);
  const shots = useMemo(
    () => (view?.status === 'done' ? planExportShots({ width: pictureSize.width, height: pictureSize.height, subjects: view.subjects, tracks, preset: exportSettings.preset, spokenSec }) : null),
    [view, pictureSize.width, pictureSize.height, tracks, exportSettings.preset, spokenSec],
  );
  // A string, so that the stage redraws when the shot moves, not on every tick of the playhead.
  const shotKey = useEditor((state) => (shots ? shotKeyAt(shots, state.playheadSec) : ''));
  const framing = useMemo(() => (shots && shotKey ? shotFraming(shots, shotKey) : wholeFraming), [shots, shotKey, wholeFraming]);
  const shotSubject = shots && shotKey ? Number(shotKey.split(',')[2]) : undefined;
  const scripts = listing?.scripts;
  const captionText = useEditor((state) =>
    state.doc.export.captions.enabled ? captionTextAt(state.doc, state.playheadSec, (id) => scripts?.find((script) => script.id === id)?.preview, state.doc.export.captions.style) : null,
  );

  const noun = face?.kind === 'video' ? 'clip' : 'photo';
  const tryAnotherPhoto = (
    <button type="button" className="button primary" onClick={chooseFiles}>
      Try another {noun}
    </button>
  );
  let overlay: ReactNode = null;
  if (drop.notice) {
    overlay = <StageDropNotice notice={drop.notice} current={face} onReplace={drop.replace} onDismiss={drop.dismiss} />;
  } else if (analysis.status === 'error') {
    overlay = <ErrorMessage title="The face analysis could not be loaded">{analysis.error.message}</ErrorMessage>;
  } else if (view?.status === 'pending' || analysis.status === 'loading') {
    overlay = (
      <div className="stage-status" role="status">
        <span className="spinner" aria-hidden="true" /> Finding faces…
      </div>
    );
  } else if (view?.status === 'no_face') {
    overlay = (
      <ErrorMessage title={`No face found in this ${noun}`} actions={tryAnotherPhoto}>
        Mouthpiece needs a clearly visible face, ideally facing the camera and not too small. Pick another face in the library or
        import a different {noun}.
      </ErrorMessage>
    );
  } else if (view?.status === 'failed') {
    overlay = (
      <ErrorMessage title={`This ${noun} could not be analysed`} actions={tryAnotherPhoto}>
        {view.error ?? 'The face detector failed on this picture.'}
      </ErrorMessage>
    );
  } else if (face && !face.consent && (tracks.some((track) => track.clips.length > 0) || playing || preview.refusal?.code === 'NO_CONSENT')) {
    overlay = <ConsentPrompt face={face} urgent={playing} />;
  } else if (preview.refusal && preview.refusal.code !== 'NO_CONSENT' && playing) {
    overlay = <ErrorMessage title="The preview could not be drawn">{preview.refusal.message}</ErrorMessage>;
  } else if (pictureError) {
    overlay = <ErrorMessage title={pictureError}>The file may have been moved out of the library folder. Import it again.</ErrorMessage>;
  }

  return (
    <section className="stage-panel" aria-label="Stage">
      <div className={`stage-area${drop.dragging ? ' dragging' : ''}`} ref={area} data-testid="stage" {...drop.handlers}>
        {booting ? (
          <div className="stage-status" role="status">
            <span className="spinner" aria-hidden="true" /> Opening your last project…
          </div>
        ) : !face || !face.mediaUrl ? (
          <EmptyStage hasFaces={(listing?.faces.length ?? 0) > 0} />
        ) : (
          <div className={`stage-frame${playing ? ' playing' : ''}`} style={{ width: fitted.width, height: fitted.height }}>
            {pictureSize.width > 0 && (
              <StagePicture mediaUrl={face.mediaUrl} kind={face.kind} stillUrl={face.thumbnailUrl} width={pictureSize.width} height={pictureSize.height} frames={preview.frames} onError={onPictureError} />
            )}
            {framing && exportSettings.customPresetId === undefined && (
              <ExportFrameOverlay width={pictureSize.width} height={pictureSize.height} framing={framing} shotSubject={shotSubject} label={PRESET_LABELS[exportSettings.preset]} caption={captionText ? { text: captionText, style: exportSettings.captions.style } : null} />
            )}
            {view?.status === 'done' && (
              <SubjectOverlay displayWidth={fitted.width} width={pictureSize.width} height={pictureSize.height} subjects={view.subjects} selected={selected} speaking={speaking} talking={talking} names={face.subjectNames} onSelect={actions.selectSubject} />
            )}
          </div>
        )}
        {overlay && <div className="stage-overlay">{overlay}</div>}
      </div>
      <PreviewControls />
    </section>
  );
}
