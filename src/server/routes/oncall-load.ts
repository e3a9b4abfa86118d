/**
 * `GET /api/v1/oncall/load`: hours on call, outside business hours, at weekends and at night,
 * pages received and pages at night, per person and per schedule, over any range. Shifts come
 * from computeFinalSchedule (overrides included); pages from the durable paging deliveries.
 */
import { z } from 'zod';
import { describeError, NotFoundError } from '../../errors/index.js';
import { computeLoadReport, type PageEvent } from '../../oncall/load/report.js';
import { computeFinalSchedule } from '../../oncall/schedule/final-schedule.js';
import type { Shift } from '../../oncall/schedule/model.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, type AnyRouteSpec } from '../route.js';
import { loadQuery } from '../schemas/schedules.js';
import { storedChanges, type OnCallServices } from '../services/oncall.js';
import { onCallServicesOf } from './schedules.js';

const loadResponse = z.object({
  range: z.object({ from: z.number(), to: z.number() }),
  people: z.array(z.record(z.string(), z.unknown())),
  schedules: z.array(z.record(z.string(), z.unknown())),
  pageData: z.object({ available: z.boolean(), note: z.string() }),
});

export function onCallLoadRoutes(deps: ServerDeps): AnyRouteSpec[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/oncall/load', scope: 'read', tag: 'schedules', errorStatuses: [404],
      summary: 'On-call load per person and schedule: hours (business, weekend, night), pages and pages at night',
      query: loadQuery, response: loadResponse,
      handler: async ({ query }) => {
        const o = onCallServicesOf(deps);
        const config = o.config();
        if (query.schedule !== undefined && !config.schedules.some((s) => s.name === query.schedule)) {
          throw new NotFoundError(`no schedule "${query.schedule}"; list them with GET /api/v1/schedules`);
        }
        if (query.person !== undefined && !config.people.some((p) => p.id === query.person)) {
          throw new NotFoundError(`no person "${query.person}"; people are declared in kind: OnCall config files`);
        }
        const range = { from: query.from, to: query.to };
        const shiftsBySchedule: Record<string, Shift[]> = {};
        for (const schedule of config.schedules) {
          if (query.schedule !== undefined && schedule.name !== query.schedule) continue;
          shiftsBySchedule[schedule.name] = computeFinalSchedule(schedule, await storedChanges(o, schedule.name), range);
        }
        const { pages, pageData } = await readPages(o, range);
        const report = computeLoadReport({ shiftsBySchedule, people: config.people, pages, range });
        const people = query.person !== undefined ? report.people.filter((p) => p.person === query.person) : report.people;
        return { range, people, schedules: report.schedules, pageData };
      },
    }),
  ];
}

async function readPages(o: OnCallServices, range: { from: number; to: number }): Promise<{ pages: PageEvent[]; pageData: { available: boolean; note: string } }> {
  try {
    const received = await o.store.pagesReceived(range.from, range.to);
    return {
      pages: received.map((p) => ({ at: p.at, person: p.person })),
      pageData: { available: true, note: 'pages counted once per page and person, at the first notification; not attributed to a schedule' },
    };
  } catch (err: unknown) {
    return { pages: [], pageData: { available: false, note: `page data is unavailable (${describeError(err)}); page counts are reported as 0` } };
  }
}
