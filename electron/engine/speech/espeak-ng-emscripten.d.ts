/** The package ships no types; its default export initialises the Emscripten module. */
declare module '@echogarden/espeak-ng-emscripten' {
  const initialize: () => Promise<{ eSpeakNGWorker: new () => unknown }>;
  export default initialize;
}
