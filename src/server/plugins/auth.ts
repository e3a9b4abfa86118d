/**
 * Bearer-token authentication and per-route scopes. The server depends only on this small
 * TokenVerifier seam; the store's hashed-token table implements it. Every route declares its
 * scope in the route table; a route without one is refused, so forgetting a scope fails closed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthenticationError, NotAllowedError } from '../../errors/index.js';

export type TokenScope = 'ingest' | 'read' | 'write' | 'admin';
export const TOKEN_SCOPES: readonly TokenScope[] = ['ingest', 'read', 'write', 'admin'];

export interface Principal {
  tokenId: string;
  name: string;
  scopes: TokenScope[];
}

export interface TokenVerifier {
  /** The principal for a presented secret, or null when it is unknown or revoked. */
  verify(secret: string): Promise<Principal | null>;
  /** Whether a token holding `held` may call a route that requires `required`. */
  allows(held: readonly TokenScope[], required: TokenScope): boolean;
}

function bearerSecret(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Resolves a principal from something other than a bearer token (the console's session cookie). */
export interface SessionAuthenticator {
  authenticate(request: FastifyRequest): Promise<Principal | null>;
}

export function registerAuth(app: FastifyInstance, verifier: TokenVerifier, sessions?: SessionAuthenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config?.scope;
    if (scope === 'public') return;
    const secret = bearerSecret(request);
    // A bearer token wins; only requests without one may use a console session cookie.
    const fromSession = secret ? null : ((await sessions?.authenticate(request)) ?? null);
    if (!secret && !fromSession) {
      throw new AuthenticationError('missing bearer token; send `Authorization: Bearer <token>` (create one with `sloop token create`)');
    }
    const principal = fromSession ?? (await verifier.verify(secret!));
    if (!principal) {
      throw new AuthenticationError('unknown or revoked token; create a new one with `sloop token create`');
    }
    request.principal = principal;
    // Unregistered paths have no scope: authenticated callers get the 404, others the 401 above.
    if (scope === undefined) return;
    if (!verifier.allows(principal.scopes, scope)) {
      throw new NotAllowedError(
        `this route needs a token with the "${scope}" scope; the presented token has "${principal.scopes.join(', ')}"; create one with \`sloop token create --scope ${scope}\``,
      );
    }
  });
}
