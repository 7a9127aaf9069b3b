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
  const [caPath, setCaPath] = useState('');
  const { settings } = queue;
  if (!settings) return null;
  const save = (farmUrl: string | null) => {
    // A CA goes with TLS only (the contract refuses it with redis://).
    queue.setFarm(farmUrl, mediaAddress.trim(), farmUrl?.startsWith('rediss:') ? caPath.trim() : '');
    setEditing(false);
    setUrl('');
  };
  const startEditing = () => {
    setMediaAddress(settings.farmMediaAddress ?? '');
    setCaPath(settings.farmCaPath ?? '');
    setEditing(true);
  };
  if (!editing) {
    return (
      <span className="queue-farm" data-testid="farm-setting">
        <span className="field-hint">
          {settings.farmUrl
            ? `Farm: ${settings.farmUrl} · media at ${settings.farmMediaAddress ?? '127.0.0.1 (workers on this computer)'}${settings.farmCaPath ? ` · CA ${settings.farmCaPath}` : ''}`
            : 'No render farm'}
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
      {url.trim().startsWith('rediss:') && (
        <input
          data-testid="farm-ca"
          aria-label="CA certificate of the farm's Redis (PEM file)"
          value={caPath}
          placeholder="private CA certificate, e.g. /etc/mouthpiece/farm-ca.pem"
          title="For a rediss:// farm whose certificate is signed by a private authority: the absolute path of its CA certificate (PEM), as the CLI's --farm-ca. Empty: the system's authorities."
          onChange={(event) => setCaPath(event.target.value)}
        />
      )}
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
