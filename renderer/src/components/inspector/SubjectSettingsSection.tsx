import { useState } from 'react';
import { DEFAULT_SUBJECT_SETTINGS } from '../../../../electron/contract/project-document';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { useLibraryData } from '../../library/library-context';
import { describeSubject, subjectName } from '../../subject-label';
import { setSubjectSettings } from '../../timeline/commands';
import { MouthClipField } from './MouthClipField';
import { SliderField } from './SliderField';
import { SubjectNameField } from './SubjectNameField';

const describeLevel = (value: number) => (value < 0.35 ? 'Still' : value < 0.8 ? 'Calm' : value <= 1.25 ? 'Natural' : value <= 1.7 ? 'Lively' : 'Animated');

/** How the selected subject performs: expressiveness, head motion, blink rate. */
export function SubjectSettingsSection() {
  const subject = useEditor((state) => state.doc.selectedSubject);
  const settings = useEditor((state) => state.doc.subjects[String(state.doc.selectedSubject)]) ?? DEFAULT_SUBJECT_SETTINGS;
  const speaks = useEditor((state) => state.doc.tracks.some((track) => track.subject === state.doc.selectedSubject));
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const face = useLibraryData().faceById(useEditor((state) => state.doc.stage.faceId));
  const [nameError, setNameError] = useState<string | null>(null);
  if (!face) {
    return (
      <section className="inspector-section" aria-label="Performance">
        <h3>Performance</h3>
        <p className="section-empty">Put a face on the stage, then pick a subject on it to set how expressive they are, how their head moves and how often they blink.</p>
      </section>
    );
  }
  const change = (field: keyof typeof settings) => (value: number, gesture: string) =>
    actions.execute(setSubjectSettings(store.getState().doc, subject, { [field]: value }, `${gesture}-${subject}-${field}`));

  return (
    <section className="inspector-section" aria-labelledby="subject-settings-title">
      <h3 id="subject-settings-title">
        <span className="subject-chip selected">{subject}</span> <span data-testid="subject-title">{subjectName(subject, face.subjectNames)}</span>
        <span className={`section-note${speaks ? ' speaker' : ''}`} title={describeSubject(subject, { speaking: speaks, names: face.subjectNames })}>
          {speaks ? 'Speaker' : 'No voice yet'}
        </span>
      </h3>
      <SubjectNameField face={face} subject={subject} onError={setNameError} />
      {nameError && <p className="queue-job-error" role="alert">{nameError}</p>}
      {face.kind === 'photo' && <MouthClipField face={face} />}
      <SliderField label="Expressiveness" value={settings.expressiveness} min={0} max={2} step={0.05} format={(value) => `${describeLevel(value)} · ${value.toFixed(2)}`} onChange={change('expressiveness')} />
      <SliderField label="Head motion" value={settings.headMotion} min={0} max={2} step={0.05} format={(value) => `${describeLevel(value)} · ${value.toFixed(2)}`} onChange={change('headMotion')} />
      <SliderField
        label="Blink rate"
        value={settings.blinkRate}
        min={0}
        max={40}
        step={1}
        format={(value) => `${value} / min`}
        hint="People blink about 15–20 times a minute."
        onChange={change('blinkRate')}
      />
    </section>
  );
}
