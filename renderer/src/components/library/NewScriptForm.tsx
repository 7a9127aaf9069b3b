import { useId, useState } from 'react';
import { useStudioApi } from '../../store/editor-store';

/** Writes a script straight into the library, for text that is not in a file yet. */
export function NewScriptForm({ onDone }: { onDone(): void }) {
  const studio = useStudioApi();
  const id = useId();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    const result = await studio.scripts.create({ name: name.trim() || firstWords(text), text });
    setSaving(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <form
      className="new-script"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => event.key === 'Escape' && onDone()}
    >
      <label htmlFor={`${id}-name`} className="visually-hidden">
        Script name
      </label>
      <input id={`${id}-name`} type="text" placeholder="Name (optional)" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} autoFocus />
      <label htmlFor={`${id}-text`} className="visually-hidden">
        What should be said
      </label>
      <textarea id={`${id}-text`} rows={4} placeholder="Type what the person should say…" value={text} onChange={(event) => setText(event.target.value)} />
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button small primary" disabled={saving || text.trim() === ''}>
          {saving ? 'Saving…' : 'Add script'}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A name from the text itself when the user gives none: its first few words. */
export function firstWords(text: string, count = 5): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const name = words.slice(0, count).join(' ').replace(/[.,;:!?]+$/, '');
  return (words.length > count ? `${name}…` : name).slice(0, 200) || 'Untitled script';
}
