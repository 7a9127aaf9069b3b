/** Shown when the page runs without the preload bridge, e.g. opened in a plain browser. */
export function BridgeMissing() {
  return (
    <section className="panel notice" role="alert">
      <h2>Not connected to the Mouthpiece app</h2>
      <p>
        This page is running outside the desktop app, so it cannot reach your library or the engine. Start Mouthpiece itself
        (in development: <code>npx electron-vite dev</code>) to import photos and make them speak.
      </p>
    </section>
  );
}
