import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where a spec keeps its screenshots and PDFs (tmp/ is git-ignored). */
export function artifactsDir(name: string): string {
  const dir = join(__dirname, '../../../../tmp/reports', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), headless, offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
