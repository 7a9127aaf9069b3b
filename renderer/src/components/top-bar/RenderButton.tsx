/** Export: disabled with the reason shown until the project can be rendered. */
export function RenderButton({ blocker, busy, onRender }: { blocker: string | null; busy: boolean; onRender(): void }) {
  return (
    <div className="render-action">
      {blocker && <span className="render-blocker">{blocker}</span>}
      <button type="button" className="button primary" data-testid="render-button" disabled={blocker !== null || busy} onClick={onRender} title={blocker ?? 'Render this project to an MP4'}>
        {busy ? 'Queuing…' : 'Export video'}
      </button>
    </div>
  );
}
