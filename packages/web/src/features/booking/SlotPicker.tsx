import { Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay, formatTime, isSameLocalDay } from '../../lib/format.ts';
import type { Slot } from '../cases/caseApi.ts';

/** The key of a slot: one staff member, one place, one start. */
export const slotKey = (s: Slot) => `${s.startsAt}|${s.staff.userId}|${s.place.id}`;

type Props = { slots: Slot[]; value: string; onChange: (key: string) => void };

/** Proposed times as one radio group: the earliest is chosen and focused; arrow keys pick another. */
export function SlotPicker({ slots, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Radio.Group label={t('booking.slots')} value={value} onChange={onChange}>
      <Stack gap={4} mt={6}>
        {slots.map((slot, index) => {
          const key = slotKey(slot);
          const today = isSameLocalDay(new Date(slot.startsAt), new Date());
          const day = today ? t('booking.today') : formatDay(slot.startsAt, lang);
          return (
            <Radio
              key={key}
              value={key}
              autoFocus={index === 0}
              className="utvag-slot"
              label={
                <Text component="span" size="sm">
                  <strong>
                    {day} {formatTime(slot.startsAt, lang)}–{formatTime(slot.endsAt, lang)}
                  </strong>
                  {' · '}
                  {slot.staff.displayName}
                  {' · '}
                  {slot.place.name}
                  {index === 0 && ` (${t('booking.earliest')})`}
                </Text>
              }
            />
          );
        })}
      </Stack>
    </Radio.Group>
  );
}
