/**
 * onnxruntime-node 1.2x on Linux starts a telemetry client with its first session, which leaves `mat-debug-<pid>.log`
 * and a `.ses` file in the temporary folder on every run (and would try to upload). Mouthpiece makes no network
 * calls: it is switched off through the variable onnxruntime reads when its environment is created, i.e. before
 * the first session of the process. Call this before every `InferenceSession.create`.
 */
export function prepareOrtEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  env.ORT_DISABLE_TELEMETRY ??= '1';
}
