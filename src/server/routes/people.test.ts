import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, TEST_CONFIG, type Harness } from '../../../test/server/support/harness.js';

const ONCALL = `apiVersion: sloop/v1
kind: OnCall
people:
  - { id: ann, name: Ann Lee, email: ann@shop.example, timeZone: Europe/Berlin, contactMethods: [{ type: webhook, url: "http://127.0.0.1:9/ann", secret: hook-secret }, { type: email }] }
  - { id: gus, name: Gus Berg, email: gus@shop.example, timeZone: America/Chicago, contactMethods: [{ type: email }] }
schedules:
  - name: primary
    timeZone: UTC
    layers:
      - { name: weekly, participants: [ann, gus], turn: 1w, handoffTime: "09:00", start: 2026-11-02 }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ configText: `${TEST_CONFIG}---\n${ONCALL}` });
});
afterAll(async () => h.close());

describe('GET /api/v1/people', () => {
  it('lists every configured person with id, name and time zone, and nothing of their contact details', async () => {
    const res = await h.inject({ url: '/api/v1/people', headers: bearer(h.tokens.read) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      people: [
        { id: 'ann', name: 'Ann Lee', timeZone: 'Europe/Berlin' },
        { id: 'gus', name: 'Gus Berg', timeZone: 'America/Chicago' },
      ],
    });
    expect(res.body).not.toMatch(/shop\.example|hook-secret|127\.0\.0\.1/);
  });

  it('needs a read token, and is in the OpenAPI document', async () => {
    expect((await h.inject({ url: '/api/v1/people' })).statusCode).toBe(401);
    expect((await h.inject({ url: '/api/v1/people', headers: bearer(h.tokens.ingest) })).statusCode).toBe(403);
    const doc = (await h.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/v1/people'])).toEqual(['get']);
  });
});
