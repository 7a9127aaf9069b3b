import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseMediaAddress } from './media-address.js';

describe('parseMediaAddress', () => {
  it('reads HOST, HOST:PORT and [IPv6]:PORT; no port means any free one', () => {
    expect(parseMediaAddress('192.168.1.20')).toEqual({ host: '192.168.1.20', port: 0 });
    expect(parseMediaAddress(' studio.lan:7700 ')).toEqual({ host: 'studio.lan', port: 7700 });
    expect(parseMediaAddress('[fe80::1]:7700')).toEqual({ host: 'fe80::1', port: 7700 });
  });

  it('refuses in one line, naming the setting, what workers could not use', () => {
    for (const [text, why] of [
      ['0.0.0.0', /workers can reach/],
      ['[::]:7700', /workers can reach/],
      ['studio.lan:70000', /HOST or HOST:PORT/],
      ['a b', /HOST or HOST:PORT/],
      ['fe80::1', /HOST or HOST:PORT/],
    ] as const) {
      const attempt = () => parseMediaAddress(text, 'The media address');
      expect(attempt, text).toThrow(InputError);
      expect(attempt, text).toThrow(why);
      expect(attempt, text).toThrow(/^The media address /);
    }
  });
});
