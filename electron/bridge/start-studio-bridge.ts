import path from 'node:path';
import type { StudioEventName } from '../contract/channels';
import type { StudioEventPayload } from '../contract/studio-api';
import { buildContentSecurityPolicy } from '../main/content-security-policy';
import { resolveRenderOutput } from '../main/handlers/render-handlers';
import { encodeMediaPath } from '../main/media-path';
import { startBridgeServer, MEDIA_ROUTE, RENDERS_ROUTE, THUMBNAIL_ROUTE, type BridgeServer } from './bridge-server';
import { createNodeStudio, type NodeStudio, type NodeStudioInput } from './node-studio';

export interface StudioBridgeInput extends Omit<NodeStudioInput, 'mediaUrl' | 'thumbnailUrl' | 'renderUrl' | 'emit'> {
  rendererDir: string;
  port?: number;
  maxUploadBytes?: number;
  apiBodyTimeoutMs?: number;
  headersTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface StudioBridge extends BridgeServer {
  studio: NodeStudio;
}

/** `/media/<path inside the store>`, encoded segment by segment; null for files outside the store. */
export function toBridgeMediaUrl(filePath: string, mediaRoot: string): string | null {
  const encoded = encodeMediaPath(filePath, mediaRoot);
  return encoded === null ? null : `${MEDIA_ROUTE}${encoded}`;
}

/** The real engine and handlers behind the browser bridge: what `mouthpiece studio` and the end-to-end tests start. */
export async function startStudioBridge(input: StudioBridgeInput): Promise<StudioBridge> {
  // Events can only go out once the server exists, but the studio that produces them must be made first.
  const late: { server?: BridgeServer } = {};
  const emit = <E extends StudioEventName>(event: E, payload: StudioEventPayload<E>) => late.server?.emit(event, payload);
  const mediaRoot = path.join(path.resolve(input.libraryDir), 'media');
  const studio = createNodeStudio({
    ...input,
    mediaUrl: (filePath) => toBridgeMediaUrl(filePath, mediaRoot),
    thumbnailUrl: (sha256) => `${THUMBNAIL_ROUTE}${sha256}.png`,
    renderUrl: (renderId) => `${RENDERS_ROUTE}${renderId}.mp4`,
    emit,
  });
  const opened = await startBridgeServer({
    handlers: studio.handlers,
    rendererDir: input.rendererDir,
    mediaRoot,
    thumbnails: studio.thumbnails,
    renders: (name) => resolveRenderOutput(studio.engine, name),
    contentSecurityPolicy: buildContentSecurityPolicy(),
    port: input.port,
    maxUploadBytes: input.maxUploadBytes,
    apiBodyTimeoutMs: input.apiBodyTimeoutMs,
    headersTimeoutMs: input.headersTimeoutMs,
    log: input.log,
  });
  // Start the queue now, so renders a previous run left behind continue without waiting for the page.
  void studio.engine.renderQueue().catch((error: unknown) => input.log?.(`bridge: the render queue could not start: ${(error as Error).message}`));
  late.server = opened;
  return {
    ...opened,
    studio,
    async close() {
      await opened.close();
      await studio.close();
    },
  };
}
