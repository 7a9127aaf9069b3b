import type { FootageSettings } from '../../../../electron/contract/project-document';

export const NO_FOOTAGE_SETTINGS: FootageSettings = { keepClipLength: false, keepOriginalAudio: false };

/** A video face's dub: how long the video runs and whether the clip's own sound stays under the new voice. */
export function FootageSettingsFields({ settings, onChange }: { settings: FootageSettings; onChange(footage: FootageSettings): void }) {
  return (
    <fieldset className="footage-settings" data-testid="footage-settings">
      <legend>Dubbed clip</legend>
      <label className="toggle">
        <input type="checkbox" data-testid="keep-clip-length" checked={settings.keepClipLength} onChange={(event) => onChange({ ...settings, keepClipLength: event.target.checked })} />
        <span>Keep the clip’s full length</span>
      </label>
      <label className="toggle">
        <input type="checkbox" data-testid="keep-original-audio" checked={settings.keepOriginalAudio} onChange={(event) => onChange({ ...settings, keepOriginalAudio: event.target.checked })} />
        <span>Keep the clip’s own sound under the new voice</span>
      </label>
      <span className="field-hint">
        {settings.keepClipLength ? 'The video runs the whole clip, or as long as the voice if that is longer.' : 'The video ends with the voice.'} A voice longer than the clip plays the
        footage on forward and back. {settings.keepOriginalAudio ? 'The clip’s sound stays 18 dB under the new voice.' : 'The new voice replaces the clip’s sound.'}
      </span>
    </fieldset>
  );
}
