import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, installed by the jest global setup (scripts/ensure-chromium.js); playwright-core downloads no browser. */
export const CHROMIUM_PATH = process.env.PXXL_CHROMIUM || '/usr/bin/chromium';

/**
 * Headless, sandbox off (we run as root in a container), and nothing that
 * calls home. Playwright gives every launch a fresh, temporary user-data dir.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Screenshots of the pages, in the git-ignored artifacts/ folder. */
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'dashboard');

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
