/**
 * The served HTML: the pure renderer's page plus a subscription form that works without
 * JavaScript (a plain form POST), and the Content-Security-Policy for it. The policy allows no
 * script at all and only the page's own inline <style> blocks, by hash.
 */
import { createHash } from 'node:crypto';
import { escapeHtml as e } from '../../incidents/html-escape.js';

const FORM_CSS = `.subscribe form{display:grid;gap:.5rem;max-width:32rem}.subscribe fieldset{border:0;padding:0;margin:0;display:flex;gap:1rem}.subscribe input[type=email],.subscribe input[type=url],.subscribe input[type=text]{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}.subscribe button{font:inherit;padding:.4rem 1rem;justify-self:start}.subscribe .hint{font-size:.9em;opacity:.8}`;

export function subscribeSection(opts: { emailEnabled: boolean }): string {
  const email = opts.emailEnabled
    ? '<label><input type="radio" name="kind" value="email" checked> Email</label>'
    : '';
  return `<section id="subscribe" class="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Get status updates</h2>
<form method="post" action="/status/subscriptions">
<fieldset><legend class="visually-hidden">Deliver updates by</legend>${email}<label><input type="radio" name="kind" value="webhook"${opts.emailEnabled ? '' : ' checked'}> Webhook</label></fieldset>
<label for="subscribe-target">${opts.emailEnabled ? 'Email address or webhook URL' : 'Webhook URL'}</label>
<input id="subscribe-target" name="target" type="text" required maxlength="500"${opts.emailEnabled ? ' autocomplete="email"' : ''}>
<p class="hint">${opts.emailEnabled ? 'We send a confirmation email first; nothing else arrives until you confirm. ' : ''}Every message has an unsubscribe link.</p>
<button type="submit">Subscribe</button>
</form>
</section>`;
}

export function withSubscribeForm(html: string, opts: { emailEnabled: boolean }): string {
  return html.replace('</main>', `${subscribeSection(opts)}\n</main>`).replace('</head>', `<style>${FORM_CSS}</style>\n</head>`);
}

/** A small standalone page for form results and link clicks (confirmation, errors). */
export function messagePage(title: string, paragraphs: readonly string[], problems: ReadonlyArray<{ path: string; message: string }> = []): string {
  const list = problems.length > 0 ? `<ul class="problems">${problems.map((p) => `<li><strong>${e(p.path)}</strong> ${e(p.message)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}.problems{color:#a00}</style>
</head>
<body>
<main>
<h1>${e(title)}</h1>
${paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}
${list}
<p><a href="/status">Back to the status page</a></p>
</main>
</body>
</html>
`;
}

/** CSP allowing exactly the inline <style> blocks of `html`, nothing else (no script, no frames). */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    `style-src ${hashes.length > 0 ? hashes.join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
