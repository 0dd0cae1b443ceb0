// Types for afterPack.mjs (the hook stays plain JavaScript so electron-builder can load it as is).
import type { FuseV1Config, FuseV1Options } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum value (x64 = 1, arm64 = 3, universal = 4). */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export declare const FUSES: Readonly<Record<FuseV1Options, boolean>>;
export declare function fuseConfig(electronPlatformName: string, arch: number): FuseV1Config;
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export declare function assertBuiltOnTarget(
  context: AfterPackContextLike,
  host?: { platform: string; arch: string },
): void;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;
