/** The Chromium that the browser tests and the measuring scripts drive. */
import { Browser, chromium } from 'playwright-core';

/** CHROMIUM_PATH, or Debian's chromium package. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A laptop's and a tablet's window: the back office is checked and measured at both. */
export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 1024, height: 768 };

/** Headless, and quiet: no sandbox (containers), GPU, QUIC or background traffic to slow a busy machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
