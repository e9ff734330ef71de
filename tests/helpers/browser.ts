import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Express } from 'express';
import { type Browser, type BrowserContext, chromium, type Download, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

export { CHROMIUM };
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-results');

/**
 * Serves the app on a free port and opens a fresh browser context on it, in the run's one Chromium
 * (tests/helpers/global-setup.ts): a context has its own cookies, storage and service workers, like a new profile.
 * `persistent`: a Chromium of its own with a real profile on disk, for what a browser refuses an incognito-like
 * context (Chromium reports an app installable only outside incognito).
 */
export async function openBrowser(app: Express, viewport: { width: number; height: number }, opts: { persistent?: boolean } = {}) {
  const ws = inject('browserWs');
  if (!ws) throw new Error(`Chromium tidak ditemukan di ${CHROMIUM}: jalankan npm test (memasang paket Debian 'chromium')`);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  let profile: string | undefined;
  let context: BrowserContext;
  if (opts.persistent) {
    profile = mkdtempSync(join(tmpdir(), 'ekinerja-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      locale: 'id-ID',
      args: CHROMIUM_ARGS,
    });
  } else {
    browser = await chromium.connect(ws);
    context = await browser.newContext({ viewport, locale: 'id-ID' });
  }
  const page: Page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    base,
    page,
    context,
    screenshot: (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await context.close();
      await browser?.close(); // a connected browser: disconnects, the run's Chromium stays up
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      if (profile) rmSync(profile, { recursive: true, force: true });
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

/** The bytes of a download: read through the connection (the run's Chromium is shared, so no local path is given). */
export async function downloaded(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
