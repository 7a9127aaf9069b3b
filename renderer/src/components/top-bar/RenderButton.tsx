/** Whether the next export goes to the render farm; only offered while a farm is set. */
export interface FarmChoice {
  available: boolean;
  onFarm: boolean;
  setOnFarm(onFarm: boolean): void;
}

/** Export: disabled with the reason shown until the project can be rendered; "on farm" once a farm is set. */
export function RenderButton({ blocker, busy, onRender, onBatch, farm }: { blocker: string | null; busy: boolean; onRender(): void; onBatch(): void; farm: FarmChoice }) {
  return (
    <div className="render-action">
      {blocker && <span className="render-blocker">{blocker}</span>}
      {farm.available && (
        <label className="field-hint" title="Render this export on the render farm set in the render queue instead of on this computer">
          <input type="checkbox" data-testid="export-on-farm" checked={farm.onFarm} onChange={(event) => farm.setOnFarm(event.target.checked)} /> on farm
        </label>
      )}
      <button type="button" className="button" data-testid="batch-button" onClick={onBatch} title="Make many videos at once: many scripts × one face, or one script × many faces">
        Batch…
      </button>
      <button type="button" className="button primary" data-testid="render-button" disabled={blocker !== null || busy} onClick={onRender} title={blocker ?? 'Render this project to an MP4'}>
        {busy ? 'Queuing…' : farm.available && farm.onFarm ? 'Export on farm' : 'Export video'}
      </button>
    </div>
  );
}
