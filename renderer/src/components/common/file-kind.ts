/** What a dropped file is, by its type or, when the browser gives none, its extension. */
export type DroppedFileKind = 'picture' | 'recording' | 'text' | 'other';

const PICTURE = /\.(png|jpe?g|webp|bmp|gif|tiff?|heic|mp4|mov|m4v|webm|mkv|avi|mpe?g)$/i;
const RECORDING = /\.(wav|mp3|m4a|aac|ogg|oga|opus|flac|wma)$/i;
const TEXT = /\.(txt|md|csv)$/i;

export function kindOfDroppedFile(file: Pick<File, 'name' | 'type'>): DroppedFileKind {
  if (file.type.startsWith('image/') || file.type.startsWith('video/') || PICTURE.test(file.name)) return 'picture';
  if (file.type.startsWith('audio/') || RECORDING.test(file.name)) return 'recording';
  if (file.type.startsWith('text/') || TEXT.test(file.name)) return 'text';
  return 'other';
}
