import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveStudioApi } from './api';
import { App } from './App';
import './styles/index.css';

// A file dropped outside the drop zone must not replace the page (main refuses the navigation too).
for (const type of ['dragover', 'drop'] as const) window.addEventListener(type, (event) => event.preventDefault());

// The app's preload bridge, or the browser bridge when the page was opened with a token.
const studio = resolveStudioApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App studio={studio} />
  </StrictMode>,
);
