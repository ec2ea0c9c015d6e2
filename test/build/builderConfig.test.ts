import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema and names icons that exist', async () => {
    const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    await expect(
      validateConfiguration(config, { add: () => undefined, isEnabled: false }),
    ).resolves.toBeUndefined();
    for (const os of ['linux', 'win', 'mac']) {
      const icon = resolve(root, String(config[os].icon));
      expect(readFileSync(icon).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(config.files).toContain('out/**');
  });

  it('rejects a configuration with an unknown key (so the check above can fail)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    await expect(
      validateConfiguration({ appId: 'x', linx: {} }, { add: () => undefined, isEnabled: false }),
    ).rejects.toThrow();
  });

  it('flips Electron’s fuses: no Node mode, NODE_OPTIONS or --inspect; encrypted cookies; code only from a checked ASAR', async () => {
    const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, boolean>;
      asar?: boolean;
    };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // What electron-builder hands to @electron/fuses for this configuration, wire by wire.
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> } };
    };
    const { FuseV1Options, FuseVersion } = require('@electron/fuses') as typeof import('@electron/fuses');
    const wires = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(wires).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });
});
