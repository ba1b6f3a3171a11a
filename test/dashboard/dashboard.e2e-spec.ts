import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auditCaughtUp } from '../support/audit';
import { launchChromium, screenshot } from '../support/browser';
import { recordTokensIn } from '../support/secret-ledger';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const DAY = 86400_000;
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * Dashboard > API Keys in Debian's Chromium (playwright-core): one operator's
 * session, in order, from sign-in to the revocation of the key they created.
 */
describe('the dashboard in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: { token: string; keyId: string };
  let created: { id: string; token: string };
  let rotatedToken: string;

  const signIn = async (target: Page, key: string) => {
    await target.goto('/dashboard');
    await target.getByLabel('API key').fill(key);
    await Promise.all([target.waitForNavigation(), target.getByRole('button', { name: 'Sign in' }).click()]);
  };

  const newContext = (): Promise<BrowserContext> =>
    browser.newContext({ baseURL: stack.url, viewport: { width: 1180, height: 760 }, permissions: ['clipboard-read', 'clipboard-write'] });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([TestStack.start(), launchChromium()]);
    const bootstrap = await stack.bootstrap('dash');
    admin = { token: bootstrap.token, keyId: bootstrap.keyId };
    context = await newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sends a visitor without a session to the sign-in form and signs in with an admin key', async () => {
    await page.goto('/dashboard/keys');
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    await screenshot(page, '01-sign-in');

    await signIn(page, admin.token);
    expect(new URL(page.url()).pathname).toBe('/dashboard/keys');
    await expect(page.getByRole('heading', { name: 'API Keys' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('header').innerText()).toContain('dash');
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie scoped to /dashboard, never the key', async () => {
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'pxxl_dashboard');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dashboard', secure: false });
    expect(cookies.some((cookie) => cookie.value.includes(admin.token))).toBe(false);
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)')).toBe('{}{}');
    const stored = await stack.db().collection('dashboard_sessions').find({}).toArray();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(admin.token);
    expect(stored[0]).toMatchObject({ keyId: admin.keyId, workspaceId: 'dash' });
  });

  it('answers pages with CSP, no framing, no referrer to other sites and no caching', async () => {
    const response = await page.goto('/dashboard/keys');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['cache-control']).toBe('no-store');
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  it('shows the API’s error code next to the field of a refused form', async () => {
    await page.getByRole('link', { name: 'Create API Key' }).click();
    expect(new URL(page.url()).pathname).toBe('/dashboard/keys/new');
    // The default expiration is 90 days ahead.
    expect(await page.getByLabel('The key stops working at the start of (UTC)').inputValue()).toBe(dayFromNow(90));
    await page.getByLabel(/Monitoring service/).check();
    await page.getByRole('button', { name: 'Create API Key' }).click();
    expect(await page.locator('#name-error').innerText()).toContain('INVALID_NAME');
    expect(await page.getByLabel('Key name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.getAttribute("role")')).toBe('alert');

    await page.getByLabel('Key name', { exact: true }).fill('Forever monitor');
    await page.getByLabel(/Never expires/).check();
    expect(await page.locator('[data-expiry-warning]').innerText()).toContain('never expires');
    await page.getByRole('button', { name: 'Create API Key' }).click();
    expect(await page.locator('#expiresOn-error').innerText()).toContain('EXPIRY_REQUIRED');
    // What was typed is kept.
    expect(await page.getByLabel('Key name', { exact: true }).inputValue()).toBe('Forever monitor');
    await screenshot(page, '02-create-refused');
  });

  it('warns about a long expiration while the operator picks it', async () => {
    await page.goto('/dashboard/keys/new');
    await page.getByLabel('The key stops working at the start of (UTC)').fill(dayFromNow(400));
    expect(await page.locator('[data-expiry-warning]').innerText()).toMatch(/lives \d+ days/);
    await page.getByLabel('The key stops working at the start of (UTC)').fill(dayFromNow(30));
    expect(await page.locator('[data-expiry-warning]').innerText()).toBe('');
  });

  it('creates a key with a preset and shows it once, in a dialog with a copy button', async () => {
    await page.goto('/dashboard/keys/new');
    await page.getByLabel('Key name', { exact: true }).fill('Internal monitor');
    await page.getByLabel(/Description/).fill('Status page probe of the ops team');
    await page.getByLabel(/Monitoring service/).check();
    await page.getByLabel('The key stops working at the start of (UTC)').fill(dayFromNow(20));
    await screenshot(page, '03-create');
    await page.getByRole('button', { name: 'Create API Key' }).click();

    const dialog = page.getByRole('dialog');
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.evaluate('document.querySelector("dialog").matches(":modal")')).toBe(true);
    expect(await dialog.innerText()).toContain('will not display the full key value again');
    const token = await page.getByLabel('Your new API key').inputValue();
    recordTokensIn(token);
    expect(token).toMatch(/^pxxl_/);
    created = { id: new URL(page.url()).pathname.split('/')[3], token };
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Copy key');
    await screenshot(page, '04-show-once', { fullPage: false });

    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.locator('[data-copy-status]', { hasText: 'Copied to the clipboard.' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);

    await page.getByRole('link', { name: /close/ }).click();
    await page.waitForURL('**/dashboard/keys');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    // Shown once: the same address now leads to the key's page, without the secret.
    await page.goto(`/dashboard/keys/${created.id}/secret`);
    expect(new URL(page.url()).pathname).toBe(`/dashboard/keys/${created.id}`);
    expect(await page.content()).not.toContain(token);
  });

  it('lists the new key with its scopes, prefix, expiry warning and "never" used, and finds it by name and status', async () => {
    await page.goto('/dashboard/keys');
    const row = page.locator(`tr[data-key-id="${created.id}"]`);
    const text = await row.innerText();
    expect(text).toContain('Internal monitor');
    expect(text).toContain('Status page probe of the ops team');
    expect(text).toContain('health:read');
    expect(text).toContain('active');
    expect(text).toMatch(/expires in (19|20) days/);
    expect(await row.locator('.never-used').innerText()).toBe('never');
    await screenshot(page, '05-keys');
    // The README's picture of the page: PXXL_UPDATE_DOCS_IMAGES=1 writes it to docs/images/.
    if (process.env.PXXL_UPDATE_DOCS_IMAGES) await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'images', 'dashboard-keys.png') });

    await page.getByLabel('Search by name').fill('monitor');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search by name').fill('');
    await page.getByLabel('Status').selectOption('revoked');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await page.locator(`tr[data-key-id="${created.id}"]`).count()).toBe(0);
  });

  it('the key the dashboard showed verifies through the API', async () => {
    const verified = await stack.request('POST', '/v1/verify', { body: { key: created.token } });
    expect(verified.body).toMatchObject({ valid: true, keyId: created.id, workspaceId: 'dash' });
    expect(verified.body.scopes).toEqual(['deployments:read', 'health:read', 'usage:read']);
  });

  it('shows the review report with the key under "expiring soon", linking to the key and its audit timeline', async () => {
    await auditCaughtUp(stack);
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    const section = page.locator('section[data-section="expiringSoon"]');
    expect(await section.locator(`tr[data-key-id="${created.id}"]`).innerText()).toContain('Internal monitor');
    // The admin key can create keys: a broad scope.
    expect(await page.locator(`section[data-section="broadScopes"] tr[data-key-id="${admin.keyId}"]`).count()).toBe(1);
    await screenshot(page, '06-review');

    await section.getByRole('link', { name: 'Internal monitor' }).click();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/keys/${created.id}`);
    const created_ = page.locator('table.timeline tr[data-event-type="KeyCreated"]');
    expect(await created_.innerText()).toContain(`key:${admin.keyId}`);
  });

  it('rotates with a grace period and shows the new key the same way, once', async () => {
    await page.getByRole('link', { name: 'Rotate' }).click();
    await page.getByLabel('How long the current secret keeps working').selectOption('3600');
    await screenshot(page, '07-rotate');
    await page.getByRole('button', { name: 'Rotate key' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('The previous secret keeps working until');
    rotatedToken = await page.getByLabel('Your new API key').inputValue();
    recordTokensIn(rotatedToken);
    expect(rotatedToken).not.toBe(created.token);
    await page.keyboard.press('Escape');
    await page.waitForURL('**/dashboard/keys');
    expect(await page.content()).not.toContain(rotatedToken);

    expect((await stack.request('POST', '/v1/verify', { body: { key: rotatedToken } })).body.valid).toBe(true);
    expect((await stack.request('POST', '/v1/verify', { body: { key: created.token } })).body.valid).toBe(true); // grace
  });

  it('edits the name and description', async () => {
    await page.goto(`/dashboard/keys/${created.id}/edit`);
    await page.getByLabel('Key name').fill('Internal monitor (ops)');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/keys/${created.id}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Internal monitor (ops)');
  });

  it('sets limits in the edit form, shows them and the usage chart on the key page, and refuses a bad CIDR next to its field', async () => {
    await page.goto(`/dashboard/keys/${created.id}/edit`);
    await page.getByLabel('Rate limit: at most this many successful verifications').fill('100');
    await page.getByLabel('per this many seconds').fill('60');
    await page.getByLabel(/Allowed IP ranges/).fill('10.0.0.0/8\n2001:db8::/32');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/keys/${created.id}`);
    const details = await page.locator('dl.details').innerText();
    expect(details).toMatch(/Rate limit\s+100 per 60 s/);
    expect(details).toMatch(/Allowed IPs\s+10\.0\.0\.0\/8 2001:db8::\/32/);
    expect(details).toMatch(/Usage quota\s+none/);
    expect(await page.getByRole('img', { name: /Verifications per day, last 30 days/ }).count()).toBe(1);
    expect(await page.locator('figure.usage figcaption').innerText()).toMatch(/^\d+ successful verifications in the last 30 days/);

    await page.goto(`/dashboard/keys/${created.id}/edit`);
    await page.getByLabel(/Allowed IP ranges/).fill('10.0.0.1/8');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#limits-error').getAttribute('data-error-code')).toBe('INVALID_LIMIT');
    // Lift them again, for the steps that follow.
    await page.getByLabel('Rate limit: at most this many successful verifications').fill('');
    await page.getByLabel(/Allowed IP ranges/).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('dl.details').innerText()).toMatch(/Allowed IPs\s+any address/);
  });

  it('revokes after a confirmation with a reason, recorded with the signed-in key as actor', async () => {
    await page.getByRole('link', { name: 'Revoke' }).click();
    expect(await page.locator('.warning').innerText()).toContain('cannot be undone');
    await page.getByLabel(/Reason/).fill('replaced by the new probe');
    await screenshot(page, '08-revoke');
    await page.getByRole('button', { name: /^Revoke Internal monitor/ }).click();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/keys/${created.id}`);
    expect(await page.locator('.details').innerText()).toContain('replaced by the new probe');
    expect((await stack.request('POST', '/v1/verify', { body: { key: rotatedToken } })).body.code).toBe('REVOKED');

    await auditCaughtUp(stack);
    await page.reload();
    const revoked = page.locator('table.timeline tr[data-event-type="KeyRevoked"]');
    expect(await revoked.innerText()).toContain(`key:${admin.keyId}`);
    await screenshot(page, '09-key');
  });

  it('refuses a state-changing request without the session’s CSRF token, or from another site', async () => {
    const form = { name: 'csrf probe', preset: 'monitoring', expiresOn: dayFromNow(30) };
    const missing = await context.request.post('/dashboard/keys', { form, maxRedirects: 0 });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toContain('CSRF_TOKEN_INVALID');
    const wrong = await context.request.post('/dashboard/keys', { form: { ...form, _csrf: 'x'.repeat(43) }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const crossSite = await context.request.post('/dashboard/keys', { form: { ...form, _csrf: token }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.text()).toContain('CROSS_ORIGIN_FORM');
    const keys = await stack.request('GET', '/v1/keys', { token: admin.token });
    expect(keys.body.items.map((key: { name: string }) => key.name)).not.toContain('csrf probe');
  });

  it('refuses to sign in with a revoked key, showing the reason next to the field', async () => {
    const other = await (await newContext()).newPage();
    await signIn(other, rotatedToken);
    expect(new URL(other.url()).pathname).toBe('/dashboard/sign-in');
    expect(await other.locator('#key-error').innerText()).toContain('TOKEN_REVOKED');
    await screenshot(other, '10-sign-in-refused');
    await other.context().close();
  });

  it('gives a read-only view to an api_keys:read key, and ends its session once that key is revoked', async () => {
    const reader = await stack.request('POST', '/v1/keys', {
      token: admin.token,
      body: { name: 'Key reader', scopes: ['api_keys:read'], expiresAt: new Date(Date.now() + 30 * DAY).toISOString() },
    });
    expect(reader.status).toBe(201);
    const readerPage = await (await newContext()).newPage();
    await signIn(readerPage, reader.body.key);
    expect(await readerPage.locator('header').innerText()).toContain('read-only');
    expect(await readerPage.getByRole('link', { name: 'Create API Key' }).count()).toBe(0);
    await readerPage.getByRole('link', { name: 'Review', exact: true }).click();
    expect(await readerPage.locator('main').innerText()).toContain('audit:read');

    expect((await stack.request('POST', `/v1/keys/${reader.body.id}/revoke`, { token: admin.token, body: {} })).status).toBe(200);
    await readerPage.goto('/dashboard/keys');
    expect(new URL(readerPage.url()).pathname).toBe('/dashboard/sign-in');
    expect(await readerPage.locator('.notice').innerText()).toContain('revoked');
    await readerPage.context().close();
  });

  it('ends the session after the idle timeout', async () => {
    const idlePage = await (await newContext()).newPage();
    await signIn(idlePage, admin.token);
    expect(new URL(idlePage.url()).pathname).toBe('/dashboard/keys');
    stack.clock.advance(31 * 60_000);
    try {
      await idlePage.goto('/dashboard/keys');
      expect(new URL(idlePage.url()).pathname).toBe('/dashboard/sign-in');
      expect(await idlePage.locator('.notice').innerText()).toContain('without activity');
    } finally {
      stack.clock.reset();
    }
    await idlePage.context().close();
  });

  it('signs out: the session is gone from the store and the cookie no longer opens a page', async () => {
    await page.goto('/dashboard/keys');
    const before = (await context.cookies()).find((cookie) => cookie.name === 'pxxl_dashboard')!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
    expect(await page.locator('.notice').innerText()).toContain('signed out');
    const stale = await fetch(`${stack.url}/dashboard/keys`, { headers: { cookie: `pxxl_dashboard=${before.value}` }, redirect: 'manual' });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/dashboard/sign-in');
    await eventually(async () => ((await stack.db().collection('dashboard_sessions').countDocuments({ keyId: admin.keyId })) === 0 ? true : undefined));
  });
});

describe('the dashboard beside the API, without a browser', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ apps: ['projector', 'key-service'] });
    admin = (await stack.bootstrap('dash-api')).token;
  });

  afterAll(() => stack?.stop());

  it('still refuses a key presented by a browser on the API, and form bodies outside /dashboard', async () => {
    const browserish = { origin: 'https://app.example', 'sec-fetch-site': 'cross-site' };
    expect((await stack.request('GET', '/v1/keys', { token: admin, headers: browserish })).body.code).toBe('BROWSER_USE_FORBIDDEN');
    expect((await stack.request('POST', '/v1/verify', { body: { key: admin }, headers: browserish })).body.code).toBe('BROWSER_USE_FORBIDDEN');
    const form = await stack.request('POST', '/v1/verify', { rawBody: `key=${admin}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('refuses a sign-in post without its CSRF cookie', async () => {
    const response = await stack.request('POST', '/dashboard/sign-in', {
      rawBody: `key=${encodeURIComponent(admin)}&_csrf=abc`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(403);
    expect(response.text).toContain('CSRF_TOKEN_INVALID');
  });

  it('sets the Secure flag on the session cookie behind a TLS proxy', async () => {
    const form = await fetch(`${stack.url}/dashboard/sign-in`, { headers: { 'x-forwarded-proto': 'https' } });
    const signInCookie = form.headers.getSetCookie().find((cookie) => cookie.startsWith('pxxl_dashboard_sign_in='))!;
    expect(signInCookie).toMatch(/; Secure/);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const response = await fetch(`${stack.url}/dashboard/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', cookie: signInCookie.split(';')[0] },
      body: `key=${encodeURIComponent(admin)}&_csrf=${token}`,
    });
    expect(response.status).toBe(303);
    const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('pxxl_dashboard='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Secure/);
  });
});
