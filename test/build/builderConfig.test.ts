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
});
