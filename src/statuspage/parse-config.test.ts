import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors/index.js';
import { loadConfigFromText } from '../slo/spec/index.js';
import { statusPageConfigFromDocuments } from './parse-config.js';

const SLOS = `apiVersion: sloop/v1
service:
  name: auth
  description: Sign-in
slos:
  - name: login-availability
    objective: 99.9
    sli:
      ratio:
        bad: sum(rate(errors[{{.window}}]))
        total: sum(rate(requests[{{.window}}]))
`;

function load(extra: string) {
  const loaded = loadConfigFromText(`${SLOS}${extra}`, 'sloop.yaml');
  return { loaded, parsed: statusPageConfigFromDocuments(loaded.documents, loaded.config) };
}

describe('kind: StatusPage config', () => {
  it('defaults to one component per service, carrying its SLOs', () => {
    const { loaded, parsed } = load('');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    expect(parsed.config.components).toEqual([{ id: 'auth', name: 'auth', group: null, description: 'Sign-in', services: ['auth'], journeys: [], slos: ['login-availability'] }]);
    expect(parsed.config.uptimeDays).toBe(90);
  });

  it('reads components and page settings', () => {
    const { parsed } = load(`---
apiVersion: sloop/v1
kind: StatusPage
title: Example status
publicUrl: https://status.example.com/
majorOutageThreshold: 50%
components:
  - id: login
    name: Login
    group: Core
    description: Signing in
    journeys: [login]
    slos: [login-availability]
`);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.config).toMatchObject({ title: 'Example status', publicUrl: 'https://status.example.com', majorOutageThreshold: 0.5 });
    expect(parsed.config.components).toEqual([{ id: 'login', name: 'Login', group: 'Core', description: 'Signing in', services: [], journeys: ['login'], slos: ['login-availability'] }]);
  });

  it('reports unknown SLOs, components mapped to nothing and bad values with positions', () => {
    const { parsed } = load(`---
apiVersion: sloop/v1
kind: StatusPage
uptimeDays: 900
components:
  - id: login
    name: Login
    slos: [login-availabilty]
  - id: empty
    name: Nothing
`);
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([
      'sloop.yaml:15:13: error: uptimeDays: must be a whole number of days from 1 to 366',
      'sloop.yaml:19:12: error: components[0].slos[0]: unknown SLO "login-availabilty"; did you mean "login-availability"?',
      'sloop.yaml:20:5: error: components[1].services: the component maps to nothing; list at least one of services, journeys or slos so incidents and uptime can reach it',
    ]);
  });
});
