import { scopeAllows } from '../../store/scopes.js';
import type { Store } from '../../store/store.js';
import type { TokenVerifier } from '../plugins/auth.js';

/** The store's hashed tokens behind the server's TokenVerifier seam. */
export function storeTokenVerifier(store: Store, now: () => number): TokenVerifier {
  return {
    async verify(secret) {
      const verified = await store.verifyToken(secret, now());
      return verified ? { tokenId: verified.id, name: verified.name, scopes: verified.scopes } : null;
    },
    allows: scopeAllows,
  };
}
