import packageJson from '../../package.json' with { type: 'json' };

/** Mouthpiece's version, as the disclosure tags of every export name it. */
export const MOUTHPIECE_VERSION: string = packageJson.version;
