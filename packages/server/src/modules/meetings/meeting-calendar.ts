import ical from 'ical-generator';

/** What a calendar file may be made from. SECURITY: deliberately no person, no place, no staff. */
export type CalendarMeeting = { id: string; kind: string; startsAt: Date; endsAt: Date; caseCode: string };

const TITLES: Readonly<Record<string, string>> = { first_meeting: 'första möte' };

/**
 * A one-event calendar file for a meeting.
 * SECURITY: calendars are synchronised to phones and mail servers outside the programme's
 * control. The file names the case by its pseudonymous code only: no name, personnummer or
 * address of the person, no attendees, and not even the place's name (where a person under
 * threat will be) — the location only says to look in Utväg.
 */
export function calendarFileOf(meeting: CalendarMeeting): { filename: string; body: string } {
  const calendar = ical({ prodId: { company: 'Utvag', product: 'Utvag', language: 'SV' }, name: 'Utväg' });
  calendar.createEvent({
    id: `${meeting.id}@utvag`,
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary: `Utväg: ${TITLES[meeting.kind] ?? 'möte'} ${meeting.caseCode}`,
    location: 'Se Utväg',
    description: 'Plats och uppgifter finns i Utväg.',
  });
  // Case codes are letters, digits and dashes; anything else must not reach a header.
  const safeCode = meeting.caseCode.replace(/[^A-Za-z0-9_-]/g, '_');
  return { filename: `${safeCode}.ics`, body: calendar.toString() };
}
