/** A tiny history router: the server answers index.html for every console path. */
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = (): void => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** Lets ordinary left clicks on internal links route without a page load; modified clicks open tabs as usual. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  const href = anchor?.getAttribute('href');
  if (!anchor || !href || !href.startsWith('/') || href.startsWith('//') || anchor.target) return;
  event.preventDefault();
  navigate(href);
}

export type Route =
  | { view: 'overview' }
  | { view: 'slo'; name: string }
  | { view: 'oncall' }
  | { view: 'oncallLoad' }
  | { view: 'schedule'; name: string }
  | { view: 'pages' }
  | { view: 'incidents' }
  | { view: 'incident'; id: string }
  | { view: 'postmortem'; id: string }
  | { view: 'actions' }
  | { view: 'login' }
  | { view: 'notFound' };

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/slos' || path === '/slos/') return { view: 'overview' };
  const slo = /^\/slos\/([^/]+)\/?$/.exec(path);
  if (slo) return { view: 'slo', name: decodeURIComponent(slo[1]!) };
  if (path === '/oncall') return { view: 'oncall' };
  if (path === '/pages') return { view: 'pages' };
  if (path === '/oncall/load') return { view: 'oncallLoad' };
  if (path === '/incidents') return { view: 'incidents' };
  if (path === '/actions') return { view: 'actions' };
  const named = /^\/(oncall\/schedules|incidents|postmortems)\/([^/]+)\/?$/.exec(path);
  if (named) {
    const id = decodeURIComponent(named[2]!);
    if (named[1] === 'incidents') return { view: 'incident', id };
    if (named[1] === 'postmortems') return { view: 'postmortem', id };
    return { view: 'schedule', name: id };
  }
  if (path === '/login') return { view: 'login' };
  return { view: 'notFound' };
}
