import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../src/main/trust';

const rendererFile = join('/opt', 'Sigmoid Lab', 'resources', 'app.asar', 'out', 'renderer', 'index.html');
const own = pathToFileURL(rendererFile).href;

describe('isTrustedSender', () => {
  it('trusts the app’s own renderer file, and nothing else on disk', () => {
    const page = { rendererFile };
    expect(own).toBe('file:///opt/Sigmoid%20Lab/resources/app.asar/out/renderer/index.html');
    expect(isTrustedSender(own, page)).toBe(true);
    expect(isTrustedSender(`${own}#lesson`, page)).toBe(true);
    for (const url of [
      // Another app's page, or a file the user downloaded, with the same ending.
      'file:///tmp/evil/renderer/index.html',
      'file:///home/me/Downloads/out/renderer/index.html',
      'file:///opt/Sigmoid%20Lab/resources/app.asar/out/renderer/other.html',
      'file:///opt/Sigmoid%20Lab/resources/app.asar/out/renderer/index.html/x',
      'file://attacker.example/opt/Sigmoid%20Lab/resources/app.asar/out/renderer/index.html',
      'https://evil.example/out/renderer/index.html',
      'http://localhost:5173/',
      'not a url',
      '',
      undefined,
    ])
      expect(isTrustedSender(url, page), String(url)).toBe(false);
  });

  it('trusts the development server only when it is given (the app is not packaged)', () => {
    expect(isTrustedSender('http://localhost:5173/', { rendererFile })).toBe(false);
    const dev = { rendererFile, devUrl: 'http://localhost:5173' };
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/src/index.html?x=1', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1.evil.example:5173/', dev)).toBe(false);
    expect(isTrustedSender(own, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', { rendererFile, devUrl: 'not a url' })).toBe(false);
  });
});
