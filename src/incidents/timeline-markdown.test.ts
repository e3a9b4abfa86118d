import { describe, expect, it } from 'vitest';
import { defaultIncidentsConfig } from './config.js';
import type { TimelineEntry } from './model.js';
import { assignRole } from './roles.js';
import { MIN, T0, newIncident } from './test-builders.js';
import { pinEntry } from './timeline.js';
import { renderTimelineMarkdown } from './timeline-markdown.js';
import { addNote } from './transitions.js';

describe('timeline Markdown export', () => {
  it('lists key moments first, then every entry in time order', () => {
    const config = defaultIncidentsConfig();
    const entries: TimelineEntry[] = [];
    let inc = newIncident({ title: 'Login <b>down</b>' });
    entries.push({ id: 'INC-1/1', incidentId: 'INC-1', at: T0, kind: 'declared', actor: 'alice', message: 'Incident declared', pinned: true, data: {} });
    const note = addNote(inc, { author: 'bob', text: 'Deploy *1234*\nrolled back' }, T0 + 5 * MIN);
    inc = note.incident;
    entries.push(pinEntry(note.entries[0]!, true));
    const role = assignRole(inc, { role: 'commander', person: 'alice', by: 'alice' }, config, T0 + 2 * MIN);
    entries.push(...role.entries);
    expect(renderTimelineMarkdown(inc, entries)).toBe(
      [
        '## Timeline: Login \\<b\\>down\\</b\\> (SEV2, INC-1)',
        '',
        '### Key moments',
        '',
        '- **2026-11-20 14:00 UTC** · Declared · alice: Incident declared ★',
        '- **2026-11-20 14:05 UTC** · Note · bob: Deploy \\*1234\\* rolled back ★',
        '',
        '### All entries',
        '',
        '- **2026-11-20 14:00 UTC** · Declared · alice: Incident declared ★',
        '- **2026-11-20 14:02 UTC** · Role · alice: alice is Incident Commander',
        '- **2026-11-20 14:05 UTC** · Note · bob: Deploy \\*1234\\* rolled back ★',
        '',
      ].join('\n'),
    );
  });
});
