import type { StudioApi } from '../../electron/contract/studio-api';
import { BridgeMissing } from './components/BridgeMissing';
import { Studio } from './components/Studio';

export function App({ studio }: { studio: StudioApi | undefined }) {
  if (studio) return <Studio studio={studio} />;
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-mark" aria-hidden="true" />
        <h1>Mouthpiece</h1>
        <span className="app-tagline">Make a face speak</span>
      </header>
      <main className="app-main">
        <BridgeMissing />
      </main>
    </div>
  );
}
