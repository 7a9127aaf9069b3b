import type { VideoVerdictView } from '../../../../electron/contract/types';

/** Files the check takes: the videos Mouthpiece writes and what platforms hand back. */
export const VERIFY_ACCEPT = '.mp4,.m4v,.mov,.webm,video/mp4,video/quicktime,video/webm';

const VIDEO_EXTENSION = /\.(mp4|m4v|mov|mkv|webm|avi|mpe?g)$/i;

/** A file the library would import as a video (footage for a face): by its type or, without one, its extension. */
export function isVideoFile(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type.startsWith('video/') || VIDEO_EXTENSION.test(file.name);
}

/** The first line of the panel when a video being imported turned out to be Mouthpiece's own. */
export function importNotice(view: VideoVerdictView): string {
  return view.summary === 'tampered'
    ? `${view.name} carries Mouthpiece credentials that no longer match it: it was made with Mouthpiece (AI-generated) and changed since. Whatever you make from it is AI-generated.`
    : `This video was made with Mouthpiece (AI-generated), not filmed: whatever you make from ${view.name} is AI-generated too.`;
}

/** The headline of a verdict, in the colour of its summary (green, amber, red, grey). */
export function verdictTitle(view: VideoVerdictView): string {
  switch (view.summary) {
    case 'signed':
      return view.credentials.status === 'valid' && !view.credentials.signer.thisInstallation
        ? 'Made with Mouthpiece on another installation: credentials valid'
        : view.watermark.found
          ? 'Made with Mouthpiece here: credentials valid, watermark found'
          : 'Made with Mouthpiece: credentials valid, no watermark of this installation';
    case 'marked':
      return 'Made with Mouthpiece here: watermark found, credentials stripped (re-encoded or uploaded)';
    case 'tampered':
      return 'Tampered: the credentials no longer match this video';
    case 'none':
      return 'No Mouthpiece credentials or watermark found';
  }
}

/** One line per part of the check, for the panel's details. */
export function verdictDetails(view: VideoVerdictView): string[] {
  const { credentials, watermark } = view;
  const creds =
    credentials.status === 'valid'
      ? `Credentials: valid, signed by ${credentials.signer.thisInstallation ? 'this installation' : `another installation (${credentials.signer.certificateSha256.slice(0, 12)})`} (self-signed).`
      : credentials.status === 'tampered'
        ? `Credentials: tampered (${credentials.reason}).`
        : 'Credentials: none in the file.';
  const mark = `Watermark: ${watermark.found ? 'found' : 'not found'} (score ${watermark.score}, ${watermark.framesAveraged} frames).`;
  const claim = credentials.status === 'valid' && credentials.description ? [credentials.description] : [];
  return [creds, mark, ...claim];
}
