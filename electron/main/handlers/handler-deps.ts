import type { StudioEventName } from '../../contract/channels';
import type { StudioEventPayload } from '../../contract/studio-api';
import type { AppInfo, BuiltinVoiceView } from '../../contract/types';
import type { EngineFacade } from '../engine-facade';

export type EmitStudioEvent = <E extends StudioEventName>(event: E, payload: StudioEventPayload<E>) => void;

/**
 * Everything the handlers need from their host. The handlers themselves import nothing from Electron: the app's IPC
 * adapter and the browser bridge both serve them, and each injects what only it can do (dialogs, opening files).
 */
export interface StudioHandlerDeps {
  engine: EngineFacade;
  /** The static part of `app.getInfo`. */
  describeApp(): Omit<AppInfo, 'engine'>;
  /** How the page reaches a stored media file (`mouthpiece-media://…` in the app, `/media/…` over the bridge); null outside the store. */
  mediaUrl(filePath: string): string | null;
  /** How the page reaches the thumbnail of a stored picture (`mouthpiece-media://thumbnails/…`, `/thumbnails/…`). */
  thumbnailUrl(sha256: string): string | null;
  /** How the page reaches a finished render (`mouthpiece-media://renders/<id>.mp4`, `/renders/<id>.mp4`). */
  renderUrl(renderId: number): string | null;
  emit: EmitStudioEvent;
  /** Where renders go when the user did not choose a file. */
  rendersDir(): string;
  /** Shows the native open dialog; resolves to the chosen paths, or none when the user cancels. */
  chooseImportFiles(): Promise<string[]>;
  /** Shows the native save dialog for a render; null when cancelled or when the host has no dialogs. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Shows the native folder dialog for a batch's output; null when cancelled. Absent where the host has no dialogs. */
  chooseFolder?(): Promise<string | null>;
  /** Opens a finished render with the system's player; throws StudioFailure('UNSUPPORTED') where that cannot be done. */
  openPath(filePath: string): Promise<void>;
  /** Shows a finished render in the file manager. */
  showItemInFolder(filePath: string): Promise<void>;
  listBuiltinVoices(): Promise<BuiltinVoiceView[]>;
  /** The bundled public-domain samples (resources/samples); without it the studio offers no sample. */
  samplesDir?: string;
  createTaskId?: () => string;
}
