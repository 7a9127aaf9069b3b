export { watermarkFrames, type WatermarkPlacement } from './embed-watermark.js';
export { detectWatermark, type WatermarkDetection } from './detect-watermark.js';
export { searchWatermark, MARK_FOUND_SCORE } from './search-watermark.js';
export { embedContentCredentials, verifyContentCredentials, type ConsentAttestation, type CredentialsVerdict } from './content-credentials.js';
export { loadInstallationIdentity, type InstallationIdentity } from './installation-identity.js';
export { loadRenderIdentity, stampFinishedExport } from './stamp-export.js';
export { verifyVideo, type VideoVerdict } from './verify-video.js';
export { resolveConsent, type ResolveConsentInput } from './consent.js';
