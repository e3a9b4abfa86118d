/**
 * Signed acknowledge/resolve links from notifications. The link is the credential, so these
 * routes are public. GET only shows a confirmation page, because mail scanners and chat
 * previews follow links; the button POSTs to the same URL to act.
 */
import { z } from 'zod';
import { AuthenticationError } from '../../errors/index.js';
import type { PagingService } from '../../oncall/paging/index.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';

const tokenParams = z.object({ token: z.string().min(1).max(2000) });
const actBody = z.object({ actionable: z.enum(['true', 'false']).optional() }).optional();

export function pageActionRoutes(paging: PagingService): AnyRouteSpec[] {
  const verify = (token: string) => {
    const claims = paging.verifyLink(token);
    if (!claims.ok) throw new AuthenticationError(claims.message);
    return claims;
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/page-actions/:token',
      scope: 'public',
      tag: 'paging',
      summary: 'Confirmation page for a signed acknowledge/resolve link (changes nothing)',
      params: tokenParams,
      responseContentType: 'text/html',
      errorStatuses: [404],
      handler: async ({ params, reply }) => {
        const claims = verify(params.token);
        const { page } = await paging.get(claims.pageId);
        reply.type('text/html; charset=utf-8');
        return confirmationHtml(claims.action, page.id, page.alert.summary, page.status);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/page-actions/:token',
      scope: 'public',
      tag: 'paging',
      summary: 'Perform the action of a signed acknowledge/resolve link',
      params: tokenParams,
      body: actBody,
      errorStatuses: [404, 409],
      handler: async ({ params, body }) => {
        const claims = verify(params.token);
        const by = 'signed link';
        const page = claims.action === 'acknowledge'
          ? await paging.acknowledge(claims.pageId, by, 'signed link')
          : await paging.resolve(claims.pageId, { by, actionable: body?.actionable !== 'false', via: 'signed link' });
        return { page };
      },
    }),
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function confirmationHtml(action: 'acknowledge' | 'resolve', pageId: string, summary: string, status: string): string {
  const buttons = action === 'acknowledge'
    ? '<button type="submit">Acknowledge</button>'
    : '<button type="submit" name="actionable" value="true">Resolve (it needed a human)</button> <button type="submit" name="actionable" value="false">Resolve as NOT actionable</button>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sloop: ${action} page</title></head><body>
<h1>${action === 'acknowledge' ? 'Acknowledge' : 'Resolve'} page ${escapeHtml(pageId)}</h1>
<p>${escapeHtml(summary)}</p><p>Current status: <strong>${escapeHtml(status)}</strong></p>
<form method="post">${buttons}</form></body></html>`;
}
