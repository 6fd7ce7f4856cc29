/** The browser tests' Chromium (Debian's package) and where their screenshots are kept. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** On a developer machine without Debian's chromium the browser tests are skipped by name; in CI they must run. */
export const describeInBrowser = existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip;

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

/** Keeps a full-page screenshot as `test-artifacts/<name>.png`. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const artifacts = join(__dirname, '..', '..', 'test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true, caret: 'initial' });
}
