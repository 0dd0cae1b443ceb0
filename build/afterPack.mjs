// @ts-check
/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary. afterPack runs
 * after the app and extra resources are in place and before signing, which is when fuses must be
 * flipped (a signature covers them). Every fuse is set explicitly (strictlyRequireAllFuses), so a
 * newer Electron with a fuse this file doesn't know fails the packaging instead of shipping a default.
 */
import { join } from 'node:path';
import process from 'node:process';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

/** electron-builder's Arch enum (builder-util): arm64 = 3, universal = 4. */
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;
/** electron-builder's Arch → Node's process.arch. */
const NODE_ARCH = /** @type {Record<number, string>} */ ({ 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' });

/** @type {Readonly<Record<FuseV1Options, boolean>>} */
export const FUSES = Object.freeze({
  // `ELECTRON_RUN_AS_NODE=1 "Nimbus Tutor"` must not turn the app into a plain Node interpreter.
  // (So child_process.fork() from the packaged main process won't work: use utilityProcess.)
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk are encrypted with an OS-keychain key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / --inspect cannot inject code or a debugger into the packaged app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows) ...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ... and the app is only ever loaded from app.asar, never from a loose app/ folder next to it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer comes from app://nimbus/, never file://: file pages get no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default; WebAssembly trap handlers are a performance feature, not an attack surface.
  [FuseV1Options.WasmTrapHandlers]: true,
});

/**
 * @param {string} electronPlatformName  'linux' | 'darwin' | 'mas' | 'win32'
 * @param {number} arch  electron-builder's Arch
 * @returns {import('@electron/fuses').FuseV1Config}
 */
export function fuseConfig(electronPlatformName, arch) {
  const darwin = electronPlatformName === 'darwin' || electronPlatformName === 'mas';
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping a fuse breaks the ad-hoc signature an arm64 Mac needs even for an unsigned build.
    resetAdHocDarwinSignature: darwin && (arch === ARCH_ARM64 || arch === ARCH_UNIVERSAL),
    ...FUSES,
  };
}

/**
 * The packaged Electron binary (for macOS the .app, which @electron/fuses resolves to the framework).
 * @param {import('./afterPack').AfterPackContextLike} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      if (!packager.executableName) throw new Error('afterPack: the Linux packager has no executableName');
      return join(appOutDir, packager.executableName);
  }
}

/**
 * node_modules holds this machine's native binaries (sharp installs only its own OS/arch, and
 * electron-builder.yml keeps only this OS/arch's onnxruntime), so a package for another target
 * would not start: refuse to make one.
 * @param {import('./afterPack').AfterPackContextLike} context
 * @param {{ platform: string, arch: string }} host
 */
export function assertBuiltOnTarget(context, host = { platform: process.platform, arch: process.arch }) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = NODE_ARCH[context.arch] ?? (context.arch === ARCH_UNIVERSAL ? 'universal' : String(context.arch));
  if (platform !== host.platform || arch !== host.arch) {
    throw new Error(
      `afterPack: cannot package for ${platform}-${arch} on ${host.platform}-${host.arch}: the native modules ` +
        '(sharp, hnswlib-node, onnxruntime-node) in node_modules are built for this machine. Package on the target OS and architecture.',
    );
  }
}

/** @param {import('./afterPack').AfterPackContextLike} context */
export async function afterPack(context) {
  assertBuiltOnTarget(context);
  const binary = electronBinaryPath(context);
  const flipped = await flipFuses(binary, fuseConfig(context.electronPlatformName, context.arch));
  if (!(flipped > 0)) throw new Error(`afterPack: no fuse wire found in ${binary}`);
}

export default afterPack;
