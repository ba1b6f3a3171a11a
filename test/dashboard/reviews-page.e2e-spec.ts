import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * Dashboard > Reviews in Debian's Chromium: a reviewer opens a campaign, walks the keys and
 * decides each with a justification, an administrator applies the revocation, the reviewer signs
 * off and reads the attestation (docs/audit.md, "The quarterly review").
 */
describe('the Reviews page in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: { token: string; keyId: string };
  const keys: Record<string, { id: string; key: string }> = {};

  const signedIn = async (key: string): Promise<Page> => {
    const page = await (await browser.newContext({ baseURL: stack.url, viewport: { width: 1180, height: 900 } })).newPage();
    await page.goto('/dashboard');
    await page.getByLabel('API key').fill(key);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
    return page;
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([TestStack.start(), launchChromium()]);
    const bootstrap = await stack.bootstrap('dash-reviews');
    admin = { token: bootstrap.token, keyId: bootstrap.keyId };
    const create = async (name: string, scopes: string[]) =>
      (await stack.request('POST', '/v1/keys', { token: admin.token, body: { name, scopes, expiresAt: inDays(60) } })).body as { id: string; key: string };
    // Signing in to the dashboard needs api_keys:read; applying needs api_keys:write, which the reviewer lacks.
    keys.reviewer = await create('security reviewer', ['keys:review', 'api_keys:read']);
    keys.keep = await create('CDN uploader', ['cdn:upload']);
    keys.revoke = await create('unused uploader', ['cdn:upload']);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const decide = async (page: Page, keyId: string, decision: string, justification: string) => {
    const section = page.locator(`section[data-key-id="${keyId}"]`);
    await section.getByLabel('Decision').selectOption(decision);
    await section.getByLabel('Justification').fill(justification);
    await Promise.all([page.waitForNavigation(), section.getByRole('button', { name: 'Record decision' }).click()]);
    await page.locator(`section[data-key-id="${keyId}"] .decision`).filter({ hasText: `Decided ${decision}` }).waitFor();
  };

  it('opens a review, decides every key, applies, signs off and shows the attestation', async () => {
    const reviewer = await signedIn(keys.reviewer.key);
    await reviewer.goto('/dashboard/reviews');
    await reviewer.getByLabel('Title').fill('Q4 CDN keys');
    await reviewer.getByLabel('Due on').fill(inDays(30).slice(0, 10));
    await reviewer.getByLabel('Only keys holding this scope (optional)').fill('cdn:upload');
    await Promise.all([reviewer.waitForNavigation(), reviewer.getByRole('button', { name: 'Open review' }).click()]);
    await expect(reviewer.getByRole('heading', { name: 'Q4 CDN keys' }).isVisible()).resolves.toBe(true);
    const reviewPath = new URL(reviewer.url()).pathname;
    // The admin key holds cdn:upload too: three keys in scope, each with its usage and a link to its history.
    expect(await reviewer.locator('section.review-key').count()).toBe(3);
    await screenshot(reviewer, 'reviews-01-opened');

    await decide(reviewer, keys.keep.id, 'keep', 'uploads release assets');
    await decide(reviewer, admin.keyId, 'keep', 'the workspace admin key, held by the platform team');
    await decide(reviewer, keys.revoke.id, 'revoke', 'not used in 90 days');
    // The reviewer's key cannot apply (no api_keys:write): the button is disabled, sign-off names what is missing.
    expect(await reviewer.getByRole('button', { name: 'Apply pending changes' }).isDisabled()).toBe(true);
    await reviewer.getByRole('button', { name: 'Sign off' }).click();
    await reviewer.waitForLoadState();
    expect(await reviewer.locator('main').innerText()).toContain('REVIEW_INCOMPLETE');

    const operator = await signedIn(admin.token);
    await operator.goto(reviewPath);
    await Promise.all([operator.waitForNavigation(), operator.getByRole('button', { name: 'Apply pending changes' }).click()]);
    expect(await operator.locator('section[aria-label="Applied"]').innerText()).toContain(`${keys.revoke.id}: revoke applied`);
    await screenshot(operator, 'reviews-02-applied');

    await reviewer.goto(reviewPath);
    await Promise.all([reviewer.waitForNavigation(), reviewer.getByRole('button', { name: 'Sign off' }).click()]);
    expect(new URL(reviewer.url()).pathname).toBe(`${reviewPath}/attestation`);
    const attestation = await reviewer.locator('body').innerText();
    expect(attestation).toContain('Key review attestation');
    expect(attestation).toContain('not used in 90 days');
    expect(attestation).toContain('KeyRevoked');
    await screenshot(reviewer, 'reviews-03-attestation');
  }, 240_000);
});
