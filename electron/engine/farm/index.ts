/** The render farm: BullMQ jobs on Redis, media by SHA-256 from the coordinator's media server (docs/farm.md). */
export { parseFarmUrl, redactSecrets, redactUrlText, FARM_QUEUE_NAME, REDIS_PASSWORD_ENV, type FarmConnection } from './farm-connection.js';
export { startFarmCoordinator, type FarmCoordinator, type FarmCoordinatorOptions } from './farm-coordinator.js';
export { startFarmWorker, type FarmWorker, type FarmWorkerOptions } from './farm-worker.js';
export { parseMediaAddress, MEDIA_ADDRESS_PATTERN } from './media-address.js';
export { startMediaServer, type MediaServer, type JobMedia } from './media-server.js';
