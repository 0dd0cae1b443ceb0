import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/core/bench/webStartup';

/** The system Chromium (never downloaded), headless, with the flags the guide asks for. */
export const CHROMIUM = process.env.NIMBUS_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
