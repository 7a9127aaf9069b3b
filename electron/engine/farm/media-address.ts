import { InputError } from '../errors.js';

/** HOST or HOST:PORT ([v6]:PORT for IPv6): where farm workers reach this computer's media server. */
export const MEDIA_ADDRESS_PATTERN = /^(\[[0-9a-fA-F:]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/;

/**
 * The media server's address from what the user gave (`--media-address`, the studio's farm setting); port 0 means any
 * free one. `what` names the setting in the one-line error.
 */
export function parseMediaAddress(text: string, what = '--media-address'): { host: string; port: number } {
  const match = MEDIA_ADDRESS_PATTERN.exec(text.trim());
  const port = match?.[2] === undefined ? 0 : Number(match[2]);
  if (!match || port > 65535) throw new InputError('BAD_ARGUMENT', `${what} must be HOST or HOST:PORT (e.g. 192.168.1.20:7700), got "${text}".`);
  const host = match[1].replace(/^\[|\]$/g, '');
  // Workers are told this address: "every interface" is not one they can reach.
  if (host === '0.0.0.0' || host === '::') throw new InputError('BAD_ARGUMENT', `${what} must be an address the workers can reach (this computer's LAN address), not ${host}.`);
  return { host, port };
}
