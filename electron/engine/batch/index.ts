/** Batches of videos from a manifest, run in the library's render queue. */
export { readBatchManifest, MANIFEST_FIELDS, type BatchManifest, type ManifestItem } from './batch-manifest.js';
export { planOutputNames, slugify, DEFAULT_NAME_TEMPLATE } from './output-names.js';
export { runManifestBatch, type BatchItemResult, type ExistingOutputPolicy, type ManifestBatchResult, type RunManifestBatchInput } from './run-manifest-batch.js';
export { defaultBatchConcurrency } from './default-concurrency.js';
