/** The console shell: session check, header with zone and user, and the view for the path. */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, setCsrfToken } from './api/client.js';
import type { SessionInfo } from './api/types.js';
import { viewerTimeZone } from './lib/format.js';
import { matchRoute, navigate, onLinkClick, usePath } from './lib/router.js';
import { LoginView } from './views/login.js';
import { NotFoundView } from './views/not-found.js';
import { OnCallView } from './views/oncall.js';
import { ActionsView } from './views/actions.js';
import { IncidentDetailView } from './views/incident-detail.js';
import { IncidentsView } from './views/incidents.js';
import { PostmortemView } from './views/postmortem.js';
import { OnCallCalendarView } from './views/oncall-calendar.js';
import { OnCallLoadView } from './views/oncall-load.js';
import { OverviewView } from './views/overview.js';
import { PagesView } from './views/pages.js';
import { SloDetailView } from './views/slo-detail.js';
import './components/extra.css';

export function canWrite(session: SessionInfo): boolean {
  return session.scopes.includes('write') || session.scopes.includes('admin');
}

export function App() {
  const [session, setSession] = useState<SessionInfo | null | 'checking'>('checking');
  const [notice, setNotice] = useState<string | null>(null);
  const path = usePath();
  const timeZone = viewerTimeZone();

  useEffect(() => {
    api.session().then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      (err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) setNotice(err instanceof ApiError ? err.message : 'Cannot reach the sloop server.');
        setSession(null);
      },
    );
  }, []);

  useEffect(() => {
    document.addEventListener('click', onLinkClick);
    return () => document.removeEventListener('click', onLinkClick);
  }, []);

  if (session === 'checking') return <p class="content muted">Loading…</p>;
  if (session === null) {
    return (
      <LoginView
        notice={notice}
        onLoggedIn={(s) => {
          setCsrfToken(s.csrfToken);
          setSession(s);
          if (path === '/login') navigate('/', { replace: true });
        }}
      />
    );
  }

  const logout = async (): Promise<void> => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(null);
      setSession(null);
      setNotice('You are logged out.');
    }
  };
  const route = matchRoute(path);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          sloop
        </a>
        <nav aria-label="Main">
          <a href="/" aria-current={route.view === 'overview' || route.view === 'slo' ? 'page' : undefined}>
            SLOs
          </a>
          <a href="/pages" aria-current={route.view === 'pages' ? 'page' : undefined}>
            Pages
          </a>
          <a href="/incidents" aria-current={route.view === 'incidents' || route.view === 'incident' || route.view === 'postmortem' || route.view === 'actions' ? 'page' : undefined}>
            Incidents
          </a>
          <a href="/oncall" aria-current={route.view === 'oncall' || route.view === 'schedule' || route.view === 'oncallLoad' ? 'page' : undefined}>
            On call
          </a>
        </nav>
        <span class="spacer" />
        <span class="muted">Times in {timeZone}</span>
        <span class="who" data-testid="who">
          {session.name} {canWrite(session) ? '' : <span class="badge">read-only</span>}
        </span>
        <button type="button" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      {route.view === 'overview' || route.view === 'login' ? (
        <OverviewView timeZone={timeZone} />
      ) : route.view === 'slo' ? (
        <SloDetailView name={route.name} timeZone={timeZone} />
      ) : route.view === 'oncall' ? (
        <OnCallView timeZone={timeZone} />
      ) : route.view === 'schedule' ? (
        <OnCallCalendarView name={route.name} timeZone={timeZone} canWrite={canWrite(session)} />
      ) : route.view === 'oncallLoad' ? (
        <OnCallLoadView timeZone={timeZone} />
      ) : route.view === 'incidents' ? (
        <IncidentsView timeZone={timeZone} canWrite={canWrite(session)} />
      ) : route.view === 'incident' ? (
        <IncidentDetailView id={route.id} timeZone={timeZone} canWrite={canWrite(session)} me={session.name} />
      ) : route.view === 'postmortem' ? (
        <PostmortemView id={route.id} timeZone={timeZone} canWrite={canWrite(session)} me={session.name} />
      ) : route.view === 'actions' ? (
        <ActionsView timeZone={timeZone} canWrite={canWrite(session)} />
      ) : route.view === 'pages' ? (
        <PagesView timeZone={timeZone} canWrite={canWrite(session)} />
      ) : (
        <NotFoundView />
      )}
    </>
  );
}
