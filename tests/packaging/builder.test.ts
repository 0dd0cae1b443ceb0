/**
 * The packaging setup without packaging: electron-builder.yml as electron-builder loads and validates
 * it, the resource layout the main process expects, the fuses hook (with flipFuses mocked), native
 * dependencies that need no rebuild, and no model weights in git. tests/packaging/package.test.ts
 * then builds a real unpacked package from this config.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { Arch, archFromString } from 'electron-builder';
import type { Configuration } from 'electron-builder';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import hook, { FUSES, afterPack, assertBuiltOnTarget, electronBinaryPath, fuseConfig } from '../../build/afterPack.mjs';
import { RESOURCE_LAYOUT, packagedPaths } from '../../electron/main/resourcePaths';
import {
  REPO,
  WEIGHT_FILE,
  extraResource,
  hubModelFiles,
  isNodeApiAddon,
  loadBuilderConfig,
  nativeAddons,
  productionPackages,
  sha256,
} from './helpers';

vi.mock('@electron/fuses', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@electron/fuses')>()),
  flipFuses: vi.fn(async () => 1),
}));

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  productName?: string;
  main: string;
  scripts: Record<string, string>;
};

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema and names the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/i);
    expect(config.productName).toBe('Nimbus Tutor');
    expect(config.directories?.output).toBe('dist');
    expect(config.publish).toBeNull();
  });

  it('keeps the run-time app name, so the app and the CLI share one data folder', () => {
    // Electron names userData after package.json's productName, else its name; core/paths.ts
    // (the CLI's default data folder) assumes the name.
    expect(pkg.productName).toBeUndefined();
    expect(config.extraMetadata?.productName).toBeUndefined();
    expect(config.extraMetadata?.name).toBeUndefined();
    expect(pkg.name).toBe('nimbus-tutor');
    expect(readFileSync(join(REPO, 'electron/core/paths.ts'), 'utf8')).toContain(`'${pkg.name}'`);
  });

  it('ships content/ and models/ where packagedPaths() looks for them', () => {
    const content = extraResource(config, RESOURCE_LAYOUT.content);
    const models = extraResource(config, RESOURCE_LAYOUT.models);
    expect(content.from).toBe('content');
    expect(models.from).toBe('models');
    const paths = packagedPaths('/opt/Nimbus Tutor/resources', {});
    expect(paths.contentDir).toBe(join('/opt/Nimbus Tutor/resources', content.to ?? ''));
    expect(paths.modelsRoot).toBe(join('/opt/Nimbus Tutor/resources', models.to ?? ''));
    // the tokenizer is shipped inside the models resource, by its own filter line
    const tokenizerInModels = relative(paths.modelsRoot, paths.tokenizerDir).split('\\').join('/');
    expect(tokenizerInModels).toBe('vendor/all-MiniLM-L6-v2');
    expect(models.filter).toContain(`${tokenizerInModels}/*.json`);
    expect(existsSync(join(REPO, RESOURCE_LAYOUT.tokenizer, 'tokenizer.json'))).toBe(true);
  });

  it('lets NIMBUS_MODELS_PATH move the models root but never the tokenizer', () => {
    const paths = packagedPaths('/r', { NIMBUS_MODELS_PATH: '/data/models' });
    expect(paths.modelsRoot).toBe('/data/models');
    expect(paths.tokenizerDir).toBe(join('/r', 'models', 'vendor', 'all-MiniLM-L6-v2'));
    expect(() => packagedPaths('relative/resources', {})).toThrow(/absolute/);
  });

  it('packs the app into asar, with native code unpacked', () => {
    expect(config.asar).toBe(true);
    const unpack = config.asarUnpack as string[];
    expect(unpack).toContain('**/*.node');
    for (const pkgName of ['hnswlib-node', 'onnxruntime-node', 'sharp', '@img']) {
      expect(unpack.some((p) => p.includes(`node_modules/${pkgName}/`))).toBe(true);
    }
  });

  it('fails the build when a production dependency cannot be collected, instead of packing without it', () => {
    expect(config.allowMissingDependencies).toBe(false);
  });

  it('packs the build output and package.json, never sources, maps or renderer-only deps', () => {
    const filters = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(filters).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']),
    );
    expect(filters).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,tsx,mts,cts}']));
    const included = filters.filter((f) => !f.startsWith('!'));
    expect(included.every((f) => f === 'package.json' || f.startsWith('out/'))).toBe(true);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('flips fuses in the afterPack hook (and not a second time through electronFuses)', () => {
    expect(config.afterPack).toBe('./build/afterPack.mjs');
    expect(existsSync(join(REPO, 'build/afterPack.mjs'))).toBe(true);
    expect(config.electronFuses ?? null).toBeNull();
  });

  it('configures AppImage + deb, a hardened-runtime dmg with a microphone reason, and NSIS', () => {
    const targets = (t: unknown): unknown[] => (Array.isArray(t) ? t : [t]);
    expect(targets(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux?.category).toBe('Education');
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/); // the deb needs one
    expect(config.extraMetadata?.homepage).toMatch(/^https:\/\//); // and a homepage
    expect(targets(config.mac?.target)).toContain('dmg');
    expect(config.mac?.hardenedRuntime).toBe(true);
    const info = config.mac?.extendInfo as Record<string, string>;
    expect(info.NSMicrophoneUsageDescription.length).toBeGreaterThan(20);
    const entitlements = readFileSync(join(REPO, config.mac?.entitlements ?? 'missing'), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements);
    expect(targets(config.win?.target)).toContain('nsis');
  });

  it('has npm scripts that build the domain model and the app before packaging', () => {
    expect(pkg.scripts['dist:prepare']).toBe('tsx build/ensureDomainModel.ts && electron-vite build');
    expect(pkg.scripts.dist).toBe('npm run -s dist:prepare && electron-builder');
    for (const os of ['linux', 'mac', 'win']) expect(pkg.scripts[`dist:${os}`]).toContain(`electron-builder --${os}`);
  });
});

describe('native dependencies', () => {
  it('are all Node-API addons, so npmRebuild can stay off', () => {
    expect(config.npmRebuild).toBe(false);
    const addons = [...productionPackages().keys()].flatMap(nativeAddons);
    expect(addons.length).toBeGreaterThan(2); // hnswlib-node, onnxruntime-node, sharp at least
    const notNapi = addons.filter((f) => !isNodeApiAddon(f)).map((f) => relative(REPO, f));
    // A non-Node-API addon must be rebuilt against Electron's headers: set npmRebuild: true.
    expect(notNapi).toEqual([]);
  });
});

describe('the afterPack fuses hook', () => {
  const context = (electronPlatformName: string, arch: number) => ({
    appOutDir: '/tmp/pack/out',
    electronPlatformName,
    arch,
    packager: { appInfo: { productFilename: 'Nimbus Tutor' }, executableName: 'nimbus-tutor' },
  });
  // what electron-builder passes when packaging for this machine
  const host = () => context(process.platform, archFromString(process.arch));
  beforeEach(() => vi.mocked(flipFuses).mockClear());

  it('is the module’s default export and named afterPack', () => {
    expect(typeof hook).toBe('function');
    expect(hook).toBe(afterPack);
  });

  it('sets every fuse explicitly, with the hardened values', async () => {
    await afterPack(host());
    expect(flipFuses).toHaveBeenCalledTimes(1);
    const [binary, fuses] = vi.mocked(flipFuses).mock.calls[0];
    expect(binary).toBe(electronBinaryPath(host()));
    expect(fuses).toMatchObject({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    // every fuse this @electron/fuses knows has a value (strictlyRequireAllFuses relies on it)
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const fuse of known) expect(typeof (fuses as unknown as Record<number, unknown>)[fuse]).toBe('boolean');
    expect(Object.keys(FUSES).map(Number).sort()).toEqual(known.sort());
  });

  it('finds the binary per platform and resets the ad-hoc signature on Apple silicon', () => {
    expect(electronBinaryPath(context('linux', Arch.x64))).toBe(join('/tmp/pack/out', 'nimbus-tutor'));
    expect(electronBinaryPath(context('darwin', Arch.arm64))).toBe(join('/tmp/pack/out', 'Nimbus Tutor.app'));
    expect(electronBinaryPath(context('mas', Arch.x64))).toBe(join('/tmp/pack/out', 'Nimbus Tutor.app'));
    expect(electronBinaryPath(context('win32', Arch.x64))).toBe(join('/tmp/pack/out', 'Nimbus Tutor.exe'));
    expect(fuseConfig('darwin', Arch.arm64).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', Arch.universal).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', Arch.x64).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('linux', Arch.arm64).resetAdHocDarwinSignature).toBe(false);
  });

  it('refuses to package for another OS or architecture than this machine’s', async () => {
    const linuxX64 = { platform: 'linux', arch: 'x64' };
    expect(() => assertBuiltOnTarget(context('linux', Arch.x64), linuxX64)).not.toThrow();
    expect(() => assertBuiltOnTarget(context('win32', Arch.x64), linuxX64)).toThrow(/win32-x64 on linux-x64/);
    expect(() => assertBuiltOnTarget(context('linux', Arch.arm64), linuxX64)).toThrow(/linux-arm64/);
    expect(() => assertBuiltOnTarget(context('mas', Arch.arm64), { platform: 'darwin', arch: 'arm64' })).not.toThrow();
    expect(() => assertBuiltOnTarget(context('darwin', Arch.universal), { platform: 'darwin', arch: 'arm64' })).toThrow(
      /universal/,
    );
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(afterPack(context(other, Arch.x64))).rejects.toThrow(/target OS/);
    expect(flipFuses).not.toHaveBeenCalled();
  });

  it('fails the packaging when no fuse wire was found', async () => {
    vi.mocked(flipFuses).mockResolvedValueOnce(0);
    await expect(afterPack(host())).rejects.toThrow(/no fuse wire/);
  });
});

describe('model weights', () => {
  const isGitCheckout = existsSync(join(REPO, '.git'));

  it.skipIf(!isGitCheckout)('are never committed', () => {
    const r = spawnSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const tracked = r.stdout.split('\0').filter(Boolean);
    expect(tracked).toContain('models/manifest.json');
    const hubHashes = new Set(hubModelFiles().map((f) => f.sha256));
    const offenders = tracked.filter((f) => {
      const abs = join(REPO, f);
      if (!existsSync(abs)) return false; // deleted in the working tree
      const size = statSync(abs).size;
      if (WEIGHT_FILE.test(f)) return size > 1_000_000 || hubHashes.has(sha256(abs));
      return size > 5_000_000; // nothing else in the repo is anywhere near this big
    });
    expect(offenders).toEqual([]);
  });
});
