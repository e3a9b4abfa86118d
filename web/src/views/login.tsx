import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import type { SessionInfo } from '../api/types.js';

/** Token log-in. The token goes to the server once; the browser keeps only an HttpOnly cookie. */
export function LoginView({ onLoggedIn, notice }: { onLoggedIn(session: SessionInfo): void; notice?: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!token.trim()) {
      setError('Paste a token first. Create one with `sloop token create --scope read` (or use the one `npm start` printed).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api.login(token.trim()));
    } catch (err: unknown) {
      setError(err instanceof ApiError ? err.message : 'Log-in failed; reload the page and try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login" id="main">
      <h1>Log in to sloop</h1>
      {notice && !error && <p class="notice">{notice}</p>}
      <form onSubmit={submit} noValidate>
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          placeholder="sloop_…"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          aria-describedby={error ? 'login-error token-help' : 'token-help'}
          aria-invalid={error ? true : undefined}
          autoFocus
        />
        <p id="token-help" class="muted">
          <code>npm start</code> prints an admin token; otherwise run <code>sloop token create --scope read</code> (or <code>write</code> to act on pages).
        </p>
        {error && (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
