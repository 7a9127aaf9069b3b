export { SessionPool, type PooledSession, type SessionPoolOptions } from './session-pool.js';
export { verifiedModelPath, type ModelLocation } from './model-files.js';
export { candidateProviders, parseProviderPreference, type ExecutionProviderName } from './execution-providers.js';
export { getPinnedModelSession, verifyPinnedModel, type PinnedModel } from './pinned-model-session.js';
