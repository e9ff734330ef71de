import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');

/** Serves the app on a free port and opens Debian's Chromium on it (headless, offline flags). */
export async function openBrowser(app: Express, viewport: { width: number; height: number }) {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'ekinerja-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'id-ID',
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
  const page: Page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    base,
    page,
    context,
    screenshot: (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await context.close();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests and bytes on the wire (compressed) of one page load, read from the browser itself. */
export function watchTraffic(page: Page) {
  const requests: { url: string; bytes: number }[] = [];
  page.on('requestfinished', async (req) => {
    const sizes = await req.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
    requests.push({ url: req.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  return {
    requests,
    total: () => requests.reduce((s, r) => s + r.bytes, 0),
    reset: () => requests.splice(0),
  };
}

/**
 * Waits (inside the browser, event-driven) until the locator's first match is visible; fails the test after 20 s.
 * Sturdier than polling isVisible() over CDP on a loaded 2-core CI machine.
 */
export async function visible(locator: Locator): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: 20_000 });
  } catch (e) {
    // say what the page showed instead: its URL and messages
    const page = locator.page();
    const alerts = await page
      .locator('.alert')
      .allTextContents()
      .catch(() => []);
    throw new Error(`${(e as Error).message.split('\n')[0]}\n  at ${page.url()}\n  alerts: ${JSON.stringify(alerts)}`);
  }
}
