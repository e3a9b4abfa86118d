import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderStatusPageHtml } from '../render-html.js';
import { fixtureModel } from '../test-fixture.js';
import { contentSecurityPolicy, messagePage, withSubscribeForm } from './page-html.js';
import { linkToken, splitLinkToken, subscriptionUrls, unsubscribeSecret } from './subscription-links.js';

describe('served status page HTML', () => {
  it('adds a plain form that posts without JavaScript, offering email only when it can be sent', () => {
    const html = withSubscribeForm(renderStatusPageHtml(fixtureModel()), { emailEnabled: true });
    expect(html).toContain('<form method="post" action="/status/subscriptions">');
    expect(html).toContain('value="email" checked');
    expect(html.indexOf('id="subscribe"')).toBeLessThan(html.indexOf('</main>'));
    expect(withSubscribeForm(renderStatusPageHtml(fixtureModel()), { emailEnabled: false })).not.toContain('value="email"');
  });

  it('allows exactly the inline style blocks by hash and no script', () => {
    const html = withSubscribeForm(renderStatusPageHtml(fixtureModel()), { emailEnabled: true });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(styles).toHaveLength(2);
    const csp = contentSecurityPolicy(html);
    expect(csp).toBe(`default-src 'none'; style-src ${styles.join(' ')}; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`);
  });

  it('escapes field problems on the message page', () => {
    const page = messagePage('Subscription not saved', ['<b>no</b>'], [{ path: 'target', message: '<script>x</script>' }]);
    expect(page).toContain('&lt;b&gt;no&lt;/b&gt;');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page).not.toContain('<script>');
  });
});

describe('subscription link tokens', () => {
  it('round-trips the subscription id and secret and rejects malformed tokens', () => {
    expect(splitLinkToken(linkToken('SUB-4', 'abc_DEF-1'))).toEqual({ id: 'SUB-4', secret: 'abc_DEF-1' });
    for (const bad of ['', 'SUB-4', 'SUB-4.', '.secret', 42, undefined, `SUB-1.${'x'.repeat(400)}`]) expect(splitLinkToken(bad)).toBeNull();
  });

  it('derives a stable unsubscribe secret per subscription and server key', () => {
    expect(unsubscribeSecret('key', 'SUB-1')).toBe(unsubscribeSecret('key', 'SUB-1'));
    expect(unsubscribeSecret('key', 'SUB-1')).not.toBe(unsubscribeSecret('key', 'SUB-2'));
    expect(unsubscribeSecret('other', 'SUB-1')).not.toBe(unsubscribeSecret('key', 'SUB-1'));
  });

  it('builds confirm and unsubscribe URLs under the base URL', () => {
    expect(subscriptionUrls('https://status.example.com/', 'SUB-1', { confirm: 'c1', unsubscribe: 'u1' })).toEqual({
      confirm: 'https://status.example.com/status/subscriptions/confirm?token=SUB-1.c1',
      unsubscribe: 'https://status.example.com/status/unsubscribe?token=SUB-1.u1',
    });
  });
});
