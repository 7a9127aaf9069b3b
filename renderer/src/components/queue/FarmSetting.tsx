import { useState } from 'react';
import type { RenderJobs } from './use-render-jobs';

/**
 * The render farm batches may use ("Render on farm" in the batch dialog): its Redis URL, typed here. The studio only
 * ever shows it back with its password hidden, so the field starts empty and shows the saved farm as a hint.
 */
export function FarmSetting({ queue }: { queue: RenderJobs }) {
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  const { settings } = queue;
  if (!settings) return null;
  const save = (farmUrl: string | null) => {
    queue.setFarm(farmUrl);
    setEditing(false);
    setUrl('');
  };
  if (!editing) {
    return (
      <span className="queue-farm" data-testid="farm-setting">
        <span className="field-hint">{settings.farmUrl ? `Farm: ${settings.farmUrl}` : 'No render farm'}</span>
        <button type="button" className="button small" data-testid="farm-edit" onClick={() => setEditing(true)}>
          {settings.farmUrl ? 'Change' : 'Set farm…'}
        </button>
      </span>
    );
  }
  return (
    <form
      className="queue-farm"
      onSubmit={(event) => {
        event.preventDefault();
        if (url.trim()) save(url.trim());
      }}
    >
      <input
        data-testid="farm-url"
        aria-label="Render farm Redis URL"
        value={url}
        autoFocus
        placeholder={settings.farmUrl ?? 'redis://:PASSWORD@HOST:6379'}
        title="A farm's Redis URL (rediss:// for TLS), with `mouthpiece worker --farm URL` running on its computers; without a password here, $MOUTHPIECE_REDIS_PASSWORD is used."
        onChange={(event) => setUrl(event.target.value)}
      />
      <button type="submit" className="button small" data-testid="farm-save" disabled={!url.trim()}>
        Save
      </button>
      {settings.farmUrl && (
        <button type="button" className="button small" data-testid="farm-forget" onClick={() => save(null)}>
          Forget
        </button>
      )}
      <button type="button" className="button small" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
