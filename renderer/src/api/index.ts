export { createBridgeClient, resolveStudioApi, type BridgeClientOptions } from './bridge-client';
