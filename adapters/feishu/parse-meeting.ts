/**
 * vc.meeting.(all_)meeting_started_v1 / _ended_v1 → meeting.started / meeting.ended.
 * Meeting times are unix seconds. Feishu's meeting events carry no attendee list: `participants` holds the
 * people the event names (host and owner), deduplicated.
 */
import type { MeetingEnded, MeetingStarted, PlatformPerson } from '../../src/core/events.js';
import type { Rejection } from '../contract.js';
import { epochToIso, missingField, objectAt, person, stringAt, type JsonObject } from './payload-fields.js';

function meetingPerson(user: JsonObject | undefined): PlatformPerson | undefined {
  const found = person(objectAt(user, 'id'), undefined, undefined);
  return Object.keys(found.ids).length > 0 ? found : undefined;
}

function distinct(people: Array<PlatformPerson | undefined>): PlatformPerson[] {
  const seen = new Set<string>();
  return people.filter((p): p is PlatformPerson => {
    if (p === undefined) return false;
    const key = JSON.stringify(Object.entries(p.ids).sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function meetingEvent(
  kind: 'meeting.started' | 'meeting.ended',
  event: JsonObject | undefined,
  fallbackOccurredAt: string,
): MeetingStarted | MeetingEnded | Rejection {
  const meeting = objectAt(event, 'meeting');
  const meetingId = stringAt(meeting, 'id');
  if (meeting === undefined || meetingId === undefined) return missingField('event.meeting.id');

  const host = meetingPerson(objectAt(meeting, 'host_user'));
  const participants = distinct([host, meetingPerson(objectAt(meeting, 'owner'))]);
  const topic = stringAt(meeting, 'topic') ?? '';
  const startedAt = epochToIso(stringAt(meeting, 'start_time'));
  const endedAt = epochToIso(stringAt(meeting, 'end_time'));
  const common = { meetingId, topic, participants, ...(host !== undefined ? { host } : {}) };

  if (kind === 'meeting.started') {
    return { kind, occurredAt: startedAt ?? fallbackOccurredAt, ...common };
  }
  return { kind, occurredAt: endedAt ?? fallbackOccurredAt, ...(startedAt !== undefined ? { startedAt } : {}), ...common };
}
