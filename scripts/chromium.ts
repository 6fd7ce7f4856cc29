/** The Chromium that the browser tests and the measuring scripts drive. */
import { Browser, BrowserServer, chromium, LaunchOptions } from 'playwright-core';

/** CHROMIUM_PATH, or Debian's chromium package. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A laptop's and a tablet's window: the back office is checked and measured at both. */
export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 1024, height: 768 };

/** Headless, and quiet: no sandbox (containers), GPU, QUIC or background traffic to slow a busy machine. */
const QUIET: LaunchOptions = {
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
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch(QUIET);
}

/** The same Chromium as a server that other processes connect to (the test suite's one browser per worker). */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(QUIET);
}

export function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}
