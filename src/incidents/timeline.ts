/**
 * Writing timeline entries. A ChangeBuilder carries the incident through one transition,
 * numbering entries from `timelineSeq` so ids are stable and ordered without a database.
 */
import type { Incident, IncidentChange, TimelineEntry, TimelineKind } from './model.js';

export class ChangeBuilder {
  private current: Incident;
  private readonly entries: TimelineEntry[] = [];
  private readonly notices: string[] = [];

  constructor(incident: Incident) {
    this.current = incident;
  }

  get incident(): Incident {
    return this.current;
  }

  update(patch: Partial<Incident>): void {
    this.current = { ...this.current, ...patch };
  }

  write(kind: TimelineKind, at: number, actor: string, message: string, data: TimelineEntry['data'] = {}, pinned = false): TimelineEntry {
    const seq = this.current.timelineSeq;
    const entry: TimelineEntry = { id: `${this.current.id}/${seq}`, incidentId: this.current.id, at, kind, actor, message, pinned, data };
    this.entries.push(entry);
    this.current = { ...this.current, timelineSeq: seq + 1 };
    return entry;
  }

  /** Records a person as a participant (role holders, note authors). */
  participant(person: string): void {
    if (person && !this.current.participants.includes(person)) this.update({ participants: [...this.current.participants, person] });
  }

  notice(text: string): void {
    if (!this.notices.includes(text)) this.notices.push(text);
  }

  /** The finished change; the version is bumped only when something was written. */
  done(): IncidentChange {
    const changed = this.entries.length > 0;
    const incident = changed ? { ...this.current, version: this.current.version + 1 } : this.current;
    return { incident, entries: this.entries, notices: this.notices };
  }
}

/** Marks an entry as a key moment (or not); entries are otherwise immutable. */
export function pinEntry(entry: TimelineEntry, pinned: boolean): TimelineEntry {
  return { ...entry, pinned };
}

/** Entries in time order; ties keep the order they were written in (their sequence number). */
export function sortTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const seq = (e: TimelineEntry): number => Number(e.id.slice(e.id.lastIndexOf('/') + 1));
  return [...entries].sort((a, b) => a.at - b.at || seq(a) - seq(b));
}
