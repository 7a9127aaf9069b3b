/** Export: disabled with the reason shown until the project can be rendered. */
export function RenderButton({ blocker, busy, onRender, onBatch }: { blocker: string | null; busy: boolean; onRender(): void; onBatch(): void }) {
  return (
    <div className="render-action">
      {blocker && <span className="render-blocker">{blocker}</span>}
      <button type="button" className="button" data-testid="batch-button" onClick={onBatch} title="Make many videos at once: many scripts × one face, or one script × many faces">
        Batch…
      </button>
      <button type="button" className="button primary" data-testid="render-button" disabled={blocker !== null || busy} onClick={onRender} title={blocker ?? 'Render this project to an MP4'}>
        {busy ? 'Queuing…' : 'Export video'}
      </button>
    </div>
  );
}
