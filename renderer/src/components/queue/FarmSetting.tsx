import { useState } from 'react';
import type { RenderJobs } from './use-render-jobs';

/**
 * The render farm batches may use ("Render on farm" in the batch dialog): its Redis URL, typed here. The studio only
 * ever shows it back with its password hidden, so the field starts empty and shows the saved farm as a hint. Workers
 * on other computers fetch each job's media from this one: the second field is the address they reach it at.
 */
export function FarmSetting({ queue }: { queue: RenderJobs }) {
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  const [mediaAddress, setMediaAddress] = useState('');
  const { settings } = queue;
  if (!settings) return null;
  const save = (farmUrl: string | null) => {
    queue.setFarm(farmUrl, mediaAddress.trim());
    setEditing(false);
    setUrl('');
  };
  const startEditing = () => {
    setMediaAddress(settings.farmMediaAddress ?? '');
    setEditing(true);
  };
  if (!editing) {
    return (
      <span className="queue-farm" data-testid="farm-setting">
        <span className="field-hint">
          {settings.farmUrl ? `Farm: ${settings.farmUrl} · media at ${settings.farmMediaAddress ?? '127.0.0.1 (workers on this computer)'}` : 'No render farm'}
        </span>
        <button type="button" className="button small" data-testid="farm-edit" onClick={startEditing}>
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
      <input
        data-testid="farm-media-address"
        aria-label="Address the farm's workers reach this computer at"
        value={mediaAddress}
        placeholder="this computer on the LAN, e.g. 192.168.1.20"
        title="Workers fetch each job's picture and voice from this computer: its LAN address (HOST or HOST:PORT). Empty: 127.0.0.1, for workers on this computer only."
        onChange={(event) => setMediaAddress(event.target.value)}
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
