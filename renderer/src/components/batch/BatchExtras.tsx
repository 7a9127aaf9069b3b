import { useState } from 'react';
import type { FaceSummary } from '../../../../electron/contract/types';
import { useEditor, useStudioApi } from '../../store/editor-store';

/** Consent for the picked faces that lack it, given right here instead of closing the dialog to find the library. */
export function BatchConsent({ faces, onError }: { faces: readonly FaceSummary[]; onError(message: string): void }) {
  const studio = useStudioApi();
  const missing = faces.filter((face) => !face.consent);
  if (missing.length === 0) return null;
  return (
    <div className="batch-consent" data-testid="batch-consent">
      {missing.map((face) => (
        <label key={face.id} className="consent">
          <input
            type="checkbox"
            data-testid="batch-consent-checkbox"
            onChange={(event) => void studio.library.setConsent({ faceId: face.id, consent: event.target.checked }).then((result) => !result.ok && onError(result.error.message))}
          />
          <span>I have the right to use the likeness in “{face.name}”</span>
        </label>
      ))}
    </div>
  );
}

/** The typed lines on the timeline, which a batch can use once they are saved as library scripts. */
export function useTimelineLines(): string[] {
  const key = useEditor((state) =>
    JSON.stringify(state.doc.tracks.flatMap((track) => track.clips.flatMap((clip) => (clip.kind === 'script' && clip.text !== undefined && clip.scriptId === undefined ? [clip.text.trim()] : [])))),
  );
  return [...new Set(JSON.parse(key) as string[])].filter(Boolean);
}

/** Saves the timeline's typed lines as library scripts (named by their first words) and hands back their ids. */
export function UseTimelineLines({ onAdded, onError }: { onAdded(scriptIds: number[]): void; onError(message: string): void }) {
  const studio = useStudioApi();
  const lines = useTimelineLines();
  const [busy, setBusy] = useState(false);
  if (lines.length === 0) return null;
  const add = async () => {
    setBusy(true);
    const ids: number[] = [];
    for (const text of lines) {
      const name = text.split(/\s+/).slice(0, 5).join(' ').slice(0, 60);
      const result = await studio.scripts.create({ name, text });
      if (result.ok) ids.push(result.value.id);
      else onError(result.error.message);
    }
    setBusy(false);
    onAdded(ids);
  };
  return (
    <button type="button" className="button small" data-testid="batch-use-timeline" onClick={() => void add()} disabled={busy} title="Save the typed lines of the timeline as library scripts and pick them">
      {busy ? 'Adding…' : `Use the timeline’s ${lines.length === 1 ? 'line' : `${lines.length} lines`}`}
    </button>
  );
}

/** "Render on farm": the batch's items go to the render farm set in the render queue; without one it cannot be ticked. */
export function FarmChoice({ farmUrl, checked, onChange }: { farmUrl: string | null; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <div className="field">
      <label className="toggle batch-farm-toggle">
        <input type="checkbox" data-testid="batch-farm" checked={checked && !!farmUrl} disabled={!farmUrl} onChange={(event) => onChange(event.target.checked)} />
        <span>Render on farm</span>
      </label>
      <span className="field-hint" data-testid="batch-farm-hint">
        {farmUrl ? `On ${farmUrl}, by its workers; this computer serves the media.` : 'Set a render farm in the render queue (Set farm…) to render there.'}
      </span>
    </div>
  );
}
