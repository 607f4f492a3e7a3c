// Headless Chromium for page tests: Debian's `chromium` driven by playwright-core (which never
// downloads a browser). Where none is installed, page tests skip and say why (under CI=true they
// fail: see required.ts); .ci/run installs it.
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

export const NO_CHROMIUM_REASON = 'no Chromium on this machine (apt-get install chromium; .ci/run does)';

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // The flags keep Chromium from reaching for the network this machine does not have.
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
