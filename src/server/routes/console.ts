/**
 * Serves the built web console (Vite output in dist/web). Console paths (`/`, `/slos/...`, ...)
 * all answer index.html so the browser's router can take over; anything else keeps its own
 * routes (the API under /api, the status page at /status) or the JSON 404. index.html is never
 * cached; hashed assets are cached for a year. The files are public: the data is not, every
 * API call behind them needs a token or a session.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { NotFoundError } from '../../errors/index.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';

/** Paths the console's client-side router owns; each answers index.html. */
export const CONSOLE_PATHS = [
  '/', '/login', '/slos', '/slos/:name', '/oncall', '/oncall/load', '/oncall/schedules/:name', '/pages',
  '/incidents', '/incidents/:id', '/postmortems/:id', '/actions',
] as const;

export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const NOT_BUILT_HTML = `<!doctype html><html lang="en"><meta charset="utf-8"><title>sloop</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>The sloop console is not built</h1>
<p>Run <code>npm run build</code> in the sloop checkout (it runs on <code>npm install</code> too) and reload this page.
The API works without it: see <a href="/openapi.json">/openapi.json</a>.</p></body></html>`;

export function consoleRoutes(options: { dir?: string } = {}): AnyRouteSpec[] {
  const dir = options.dir ?? DEFAULT_CONSOLE_DIR;
  const cache = new Map<string, Buffer | null>();
  const read = async (file: string): Promise<Buffer | null> => {
    if (!cache.has(file)) {
      try {
        cache.set(file, await readFile(join(dir, file)));
      } catch {
        // Not built (yet): answer the hint page; a later build is picked up on the next request.
        return null;
      }
    }
    return cache.get(file) ?? null;
  };

  const page = (url: string): AnyRouteSpec =>
    defineRoute({
      method: 'GET',
      url,
      scope: 'public',
      tag: 'console',
      summary: 'Web console page (index.html; the browser router shows the view)',
      responseContentType: 'text/html',
      handler: async ({ reply }) => {
        const html = await read('index.html');
        void reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' }).type('text/html; charset=utf-8');
        return html ?? NOT_BUILT_HTML;
      },
    });

  const asset = defineRoute({
    method: 'GET',
    url: '/assets/:file',
    scope: 'public',
    tag: 'console',
    summary: 'Web console asset (content-hashed file name, cached for a year)',
    params: z.object({ file: z.string().regex(/^[\w.-]+$/).refine((f) => !f.includes('..')) }),
    responseContentType: 'application/octet-stream',
    errorStatuses: [404],
    handler: async ({ params, reply }) => {
      const type = CONTENT_TYPES[extname(params.file)];
      const body = type ? await read(join('assets', params.file)) : null;
      if (!body || !type) throw new NotFoundError(`no console asset ${params.file}; reload the console page (it may have been rebuilt)`);
      void reply
        .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=31536000, immutable' })
        .type(type);
      return body;
    },
  });

  return [...CONSOLE_PATHS.map(page), asset];
}
