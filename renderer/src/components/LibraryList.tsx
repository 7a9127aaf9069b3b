import type { LibraryListing } from '../../../electron/contract/types';
import { describeSubjects, formatDuration } from '../library-format';

interface LibraryListProps {
  listing: LibraryListing;
  onConsent(faceId: number, consent: boolean): void;
}

/** Faces, voices and scripts in the library. */
export function LibraryList({ listing, onConsent }: LibraryListProps) {
  return (
    <div className="library">
      {listing.faces.length > 0 && (
        <section aria-labelledby="faces-title">
          <h2 id="faces-title">Faces</h2>
          <ul className="face-grid">
            {listing.faces.map((face) => (
              <li key={face.id} className="face-card">
                {face.kind === 'photo' && face.mediaUrl ? (
                  <img src={face.mediaUrl} alt="" loading="lazy" />
                ) : (
                  <div className="face-placeholder">{face.kind === 'video' ? 'Video' : 'Photo'}</div>
                )}
                <div className="face-meta">
                  <strong title={face.name}>{face.name}</strong>
                  <span>
                    {describeSubjects(face)}
                    {face.kind === 'video' && face.durationSec !== null ? ` · ${formatDuration(face.durationSec)}` : ''}
                  </span>
                  <label className="consent">
                    <input type="checkbox" checked={face.consent} onChange={(event) => onConsent(face.id, event.target.checked)} />
                    The person agreed to be animated
                  </label>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {listing.voices.length > 0 && (
        <section aria-labelledby="voices-title">
          <h2 id="voices-title">Voices</h2>
          <ul className="rows">
            {listing.voices.map((voice) => (
              <li key={voice.id}>
                <strong>{voice.name}</strong>
                <span>{voice.builtin ? 'Built-in voice' : formatDuration(voice.durationSec)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {listing.scripts.length > 0 && (
        <section aria-labelledby="scripts-title">
          <h2 id="scripts-title">Scripts</h2>
          <ul className="rows">
            {listing.scripts.map((script) => (
              <li key={script.id}>
                <strong>{script.name}</strong>
                <span className="preview">{script.preview}</span>
                <span>{script.wordCount === 1 ? '1 word' : `${script.wordCount} words`}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
