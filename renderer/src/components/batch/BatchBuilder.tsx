import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_NAME_TEMPLATE } from '../../../../electron/contract/batch-names';
import type { StudioRequest } from '../../../../electron/contract/studio-api';
import type { BatchPlanView, BatchView, StudioError } from '../../../../electron/contract/types';
import { currentDefaultVoice, rememberVoice } from '../../library/default-voice';
import { useLibraryData } from '../../library/library-context';
import { useStudioApi } from '../../store/editor-store';
import { ErrorMessage } from '../common/ErrorMessage';
import { canOpenFilesWith } from '../../hooks/host-capabilities';
import { describeSubjectRank, subjectName } from '../../subject-label';
import { BatchConsent, FarmChoice, UseTimelineLines } from './BatchExtras';
import { BatchPicker } from './BatchPicker';
import { NamePreview } from './NamePreview';
import { describePreset, presetChoiceOf, useExportPresets } from './use-export-presets';

type Mode = 'scripts' | 'faces';
type Captions = 'none' | 'clean' | 'reel';
type Existing = 'overwrite' | 'keep-both';

const PLAN_DELAY_MS = 200;

/**
 * Many videos in one go: many scripts said by one face, or one script said by many faces. Names come from a template
 * previewed live; files already in the folder are shown and never overwritten without asking.
 */
export function BatchBuilder({ hidden = false, farmUrl = null, onClose, onQueued }: { hidden?: boolean; farmUrl?: string | null; onClose(): void; onQueued(batch: BatchView): void }) {
  const studio = useStudioApi();
  const canChooseFolder = canOpenFilesWith(studio);
  const { listing, builtinVoices } = useLibraryData();
  const { presets } = useExportPresets();
  const faces = listing?.faces ?? [];
  const scripts = listing?.scripts ?? [];

  const [name, setName] = useState(() => `Batch ${new Date().toISOString().slice(0, 10)}`);
  const [mode, setMode] = useState<Mode>('scripts');
  const [faceIds, setFaceIds] = useState<number[]>(() => (faces[0] ? [faces[0].id] : []));
  const [subject, setSubject] = useState(0);
  const [scriptIds, setScriptIds] = useState<number[]>([]);
  const [voice, setVoice] = useState(() => currentDefaultVoice(builtinVoices));
  const [format, setFormat] = useState('reel');
  const [captions, setCaptions] = useState<Captions>('reel');
  const [label, setLabel] = useState(false);
  const [onFarm, setOnFarm] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [nameTemplate, setNameTemplate] = useState(DEFAULT_NAME_TEMPLATE);
  const [plan, setPlan] = useState<BatchPlanView | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (builtinVoices.length > 0 && !builtinVoices.some((item) => item.name === voice)) setVoice(currentDefaultVoice(builtinVoices));
  }, [builtinVoices, voice]);

  const consentKey = faces.filter((face) => faceIds.includes(face.id)).map((face) => `${face.id}:${face.consent}`).join(',');
  const request = useMemo((): StudioRequest<'batch.plan'> | null => {
    if (faceIds.length === 0 || scriptIds.length === 0 || name.trim() === '' || nameTemplate.trim() === '') return null;
    const custom = format.startsWith('custom:') ? Number(format.slice('custom:'.length)) : undefined;
    const builtin = presets.find((preset) => preset.builtin && preset.key === format)?.key ?? 'reel';
    return {
      name: name.trim(),
      faces: faceIds.map((faceId) => ({ faceId, subject: mode === 'scripts' ? subject : 0 })),
      scriptIds,
      voice,
      preset: builtin,
      ...(custom !== undefined ? { customPresetId: custom } : {}),
      captions,
      label,
      ...(outDir.trim() ? { outDir: outDir.trim() } : {}),
      nameTemplate,
      ...(onFarm && farmUrl ? { farm: true } : {}),
    };
  }, [faceIds, scriptIds, name, nameTemplate, format, presets, mode, subject, voice, captions, label, outDir, onFarm, farmUrl]);

  useEffect(() => {
    setAsking(false);
    if (!request) return setPlan(null);
    let stale = false;
    const timer = setTimeout(() => {
      void studio.batch.plan(request).then((result) => {
        if (stale) return;
        if (result.ok) {
          setPlan(result.value);
          setError(null);
        } else setError(result.error);
      });
    }, PLAN_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // Consent given in the dialog changes what the plan says, not the request.
  }, [studio, request, consentKey]);

  const switchMode = (next: Mode) => {
    setMode(next);
    // Each mode has one side with a single choice: keep the first of what was picked.
    if (next === 'scripts') setFaceIds((ids) => ids.slice(0, 1));
    else setScriptIds((ids) => ids.slice(0, 1));
  };

  const existingCount = plan?.items.filter((item) => item.exists).length ?? 0;
  const create = async (existing: Existing | 'refuse') => {
    if (!request) return;
    if (existing === 'refuse' && existingCount > 0) return setAsking(true);
    setBusy(true);
    const result = await studio.batch.create({ request, existing });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onQueued(result.value);
    onClose();
  };

  const chooseFolder = async () => {
    const result = await studio.batch.chooseFolder();
    if (!result.ok) return setError(result.error);
    if (result.value.path) setOutDir(result.value.path);
  };

  const selectedFace = faces.find((face) => face.id === faceIds[0]);
  const ready = !!request && !!plan && plan.problems.length === 0 && plan.items.length > 0 && !busy;

  return (
    <div className="modal-backdrop" role="presentation" hidden={hidden} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <div className="modal batch-builder" role="dialog" aria-modal="true" aria-labelledby="batch-title" data-testid="batch-builder">
        <header className="modal-header">
          <h2 id="batch-title">Batch export</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="batch-body">
          <div className="batch-settings">
            <div className="field">
              <label htmlFor="batch-name">Batch name ({'{project}'})</label>
              <input id="batch-name" data-testid="batch-name" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
            </div>
            <div className="segmented" role="radiogroup" aria-label="What varies">
              <button type="button" role="radio" aria-checked={mode === 'scripts'} data-testid="mode-scripts" onClick={() => switchMode('scripts')}>
                Many scripts × one face
              </button>
              <button type="button" role="radio" aria-checked={mode === 'faces'} data-testid="mode-faces" onClick={() => switchMode('faces')}>
                One script × many faces
              </button>
            </div>
            <div className="batch-pickers">
              <BatchPicker
                title={mode === 'scripts' ? 'Face' : 'Faces'}
                multiple={mode === 'faces'}
                testId="batch-faces"
                options={faces.map((face) => ({ id: face.id, label: face.name, note: face.consent ? null : 'no consent' }))}
                selected={faceIds}
                onChange={setFaceIds}
              />
              <BatchPicker
                title={mode === 'scripts' ? 'Scripts' : 'Script'}
                multiple={mode === 'scripts'}
                testId="batch-scripts"
                options={scripts.map((script) => ({ id: script.id, label: script.name, note: `${script.wordCount} words` }))}
                selected={scriptIds}
                onChange={setScriptIds}
              />
            </div>
            <BatchConsent faces={faces.filter((face) => faceIds.includes(face.id))} onError={(message) => setError({ code: 'BAD_INPUT', message })} />
            <UseTimelineLines onAdded={(ids) => setScriptIds((picked) => (mode === 'scripts' ? [...new Set([...picked, ...ids])] : ids.slice(0, 1)))} onError={(message) => setError({ code: 'BAD_INPUT', message })} />
            <div className="batch-row">
              {mode === 'scripts' && (selectedFace?.subjectCount ?? 0) > 1 && (
                <div className="field">
                  <label htmlFor="batch-subject">Who speaks</label>
                  <select id="batch-subject" value={subject} onChange={(event) => setSubject(Number(event.target.value))}>
                    {Array.from({ length: selectedFace?.subjectCount ?? 1 }, (_, index) => (
                      <option key={index} value={index}>
                        {`${subjectName(index, selectedFace?.subjectNames)} · ${describeSubjectRank(index)}`}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor="batch-voice">Voice</label>
                <select id="batch-voice" data-testid="batch-voice" value={voice} onChange={(event) => (rememberVoice(event.target.value), setVoice(event.target.value))}>
                  {builtinVoices.map((item) => (
                    <option key={item.name} value={item.name}>
                      {item.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="batch-format">Format</label>
                <select id="batch-format" data-testid="batch-format" value={format} onChange={(event) => setFormat(event.target.value)}>
                  {presets.map((preset) => (
                    <option key={presetChoiceOf(preset)} value={presetChoiceOf(preset)}>
                      {preset.builtin ? preset.name : `${preset.name} · ${describePreset(preset)}`}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="batch-row">
              <div className="field">
                <span className="field-label">Captions</span>
                <div className="segmented" role="radiogroup" aria-label="Captions">
                  {(['none', 'clean', 'reel'] as const).map((choice) => (
                    <button key={choice} type="button" role="radio" aria-checked={captions === choice} data-testid={`batch-captions-${choice}`} onClick={() => setCaptions(choice)}>
                      {choice === 'none' ? 'None' : choice === 'clean' ? 'Clean' : 'Reel'}
                    </button>
                  ))}
                </div>
              </div>
              <label className="toggle batch-label-toggle">
                <input type="checkbox" data-testid="batch-label" checked={label} onChange={(event) => setLabel(event.target.checked)} />
                <span>Show an “AI-generated” label</span>
              </label>
            </div>
            <div className="field">
              <label htmlFor="batch-folder">Output folder</label>
              <div className="batch-folder-row">
                <input id="batch-folder" data-testid="batch-folder" value={outDir} placeholder={plan?.outDir ?? 'The renders folder'} onChange={(event) => setOutDir(event.target.value)} />
                {canChooseFolder && (
                  <button type="button" className="button" data-testid="batch-choose-folder" onClick={() => void chooseFolder()}>
                    Choose…
                  </button>
                )}
              </div>
              {!canChooseFolder && <span className="field-hint" data-testid="batch-folder-hint">In the browser, type the folder’s full path here (a page cannot open a folder picker); empty means the renders folder.</span>}
            </div>
            <div className="field">
              <label htmlFor="batch-template">File names</label>
              <input id="batch-template" data-testid="batch-template" value={nameTemplate} maxLength={200} onChange={(event) => setNameTemplate(event.target.value)} />
              <span className="field-hint">Use {'{project}'}, {'{script}'}, {'{face}'}, {'{preset}'} and {'{n}'}.</span>
            </div>
            <FarmChoice farmUrl={farmUrl} checked={onFarm} onChange={setOnFarm} />
          </div>
          <NamePreview plan={request ? plan : null} />
        </div>
        {error && <ErrorMessage title="The batch could not be queued">{error.message}</ErrorMessage>}
        {plan && plan.problems.length > 0 && (
          <ul className="batch-problems" data-testid="batch-problems">
            {plan.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {asking ? (
          <footer className="modal-footer batch-ask" data-testid="batch-existing">
            <span>
              {existingCount} {existingCount === 1 ? 'file is' : 'files are'} already in the folder.
            </span>
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button type="button" className="button" data-testid="batch-keep-both" onClick={() => void create('keep-both')}>
              Keep both
            </button>
            <button type="button" className="button danger" data-testid="batch-overwrite" onClick={() => void create('overwrite')}>
              Overwrite
            </button>
          </footer>
        ) : (
          <footer className="modal-footer">
            <span className="field-hint">{request ? '' : 'Pick at least one face and one script.'}</span>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button primary" data-testid="batch-queue" disabled={!ready} onClick={() => void create('refuse')}>
              {busy ? 'Queuing…' : `Queue ${plan?.items.length ?? 0} ${plan?.items.length === 1 ? 'video' : 'videos'}`}
            </button>
          </footer>
        )}
      </div>
    </div>
  );
}
