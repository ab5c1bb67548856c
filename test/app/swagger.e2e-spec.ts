import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, BrowserContext } from 'playwright-core';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { startTestApp, TestApp } from '../support/test-app';

type Obj = Record<string, any>;

const TOKEN = 'swagger-write-token-0123456789';
/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Swagger UI must be usable against a server with tokens: every operation the REST guard
 * protects declares bearer security (so "Authorize" sends the token), and the scheme does not
 * claim JWT. Proven in a real headless browser: authorize, then "Try it out" on
 * POST /sync/incremental.
 */
describe('Swagger UI with tokens configured', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let doc: Obj;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 12, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, MCP_AUTH_TOKEN: TOKEN });
    doc = (await (await fetch(`${t.url}/docs-json`)).json()) as Obj;
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  const operations = () =>
    Object.entries(doc.paths as Obj).flatMap(([p, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, op: item[m] as Obj })),
    );

  it('the bearer scheme is plain bearer (not JWT), and every protected operation declares it', async () => {
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer', description: expect.stringContaining('MCP token') } });
    const open = operations()
      .filter((o) => !o.op.security)
      .map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(open.sort()).toEqual(['GET /health', 'POST /webhooks/clickup']);
    // Each declared operation really is refused without a token (the declaration matches the guard).
    for (const o of operations().filter((x) => x.op.security)) {
      expect(o.op.security).toEqual([{ bearer: [] }]);
      const res = await fetch(`${t.url}${o.path.replace(/\{[^}]+\}/g, '1')}`, { method: o.method.toUpperCase() });
      expect({ op: `${o.method} ${o.path}`, status: res.status }).toEqual({ op: `${o.method} ${o.path}`, status: 401 });
    }
  });

  const browserTest = fs.existsSync(CHROMIUM) || process.env.CI ? it : it.skip;
  if (!fs.existsSync(CHROMIUM) && !process.env.CI) {
    process.stderr.write(`Skipping the Swagger UI browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`);
  }

  browserTest(
    'in headless Chromium: Authorize, then Try it out on POST /sync/incremental ⇒ 202',
    async () => {
      if (!fs.existsSync(CHROMIUM))
        throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium; set CHROMIUM_PATH if it lives elsewhere.`);
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-chromium-'));
      let browser: BrowserContext | undefined;
      try {
        // A fresh profile directory each run (playwright passes it as --user-data-dir).
        browser = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          timeout: 30_000,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
        const page = await browser.newPage();
        page.setDefaultTimeout(15_000);
        await page.goto(`${t.url}/docs`);
        await page.locator('button.authorize').first().click();
        await page.locator('.modal-ux input[type=text], .modal-ux input[type=password]').first().fill(TOKEN);
        await page.locator('.modal-ux button.authorize').first().click();
        await page.locator('.modal-ux button.btn-done').first().click();

        const op = page.locator('.opblock-post', { has: page.locator('.opblock-summary-path', { hasText: /^\/sync\/incremental$/ }) }).first();
        await op.locator('.opblock-summary').first().click();
        await op.locator('button.try-out__btn').click();
        const response = page.waitForResponse((r) => r.url().includes('/sync/incremental') && r.request().method() === 'POST');
        await op.locator('button.execute').click();
        const res = await response;
        expect(res.request().headers()['authorization']).toBe(`Bearer ${TOKEN}`);
        expect(res.status()).toBe(202);
        await op.locator('.live-responses-table .response-col_status', { hasText: '202' }).first().waitFor();
      } finally {
        await browser?.close();
        fs.rmSync(profile, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
