import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { fromLocalInput, toLocalInput } from '../../lib/datetime.ts';
import type { StaffMember } from './schedulingApi.ts';

type Props = {
  label: string;
  submitLabel: string;
  /** Without staff, the period is the user's own. */
  staff?: StaffMember[];
  defaultHours: [number, number];
  error: unknown;
  pending: boolean;
  onSubmit: (input: { userId?: string; startsAt: string; endsAt: string }) => void;
};

function defaults([startHour, endHour]: [number, number]): { start: string; end: string } {
  const start = new Date();
  start.setHours(startHour, 0, 0, 0);
  const end = new Date(start);
  end.setHours(endHour, 0, 0, 0);
  if (end <= start) end.setDate(end.getDate() + 1);
  return { start: toLocalInput(start), end: toLocalInput(end) };
}

/** Who (when a picker is offered), from, to. */
export function PeriodForm({ label, submitLabel, staff, defaultHours, error, pending, onSubmit }: Props) {
  const { t } = useTranslation();
  const errors = useFieldErrors(error);
  const initial = defaults(defaultHours);
  const [userId, setUserId] = useState('');
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      ...(staff ? { userId } : {}),
      startsAt: fromLocalInput(start) ?? '',
      endsAt: fromLocalInput(end) ?? '',
    });
  };
  return (
    <form onSubmit={submit} aria-label={label}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        {staff && (
          <NativeSelect
            label={t('roster.staff')}
            required
            value={userId}
            error={errors.userId}
            onChange={(e) => setUserId(e.currentTarget.value)}
            data={[
              { value: '', label: t('roster.chooseStaff'), disabled: true },
              ...staff.map((s) => ({
                value: s.userId,
                label: `${s.displayName} (${s.roles.map((r) => t(`role.${r}`)).join(', ')})`,
              })),
            ]}
          />
        )}
        <TextInput
          type="datetime-local"
          label={t('roster.start')}
          required
          value={start}
          error={errors.startsAt}
          onChange={(e) => setStart(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('roster.end')}
          required
          value={end}
          error={errors.endsAt}
          onChange={(e) => setEnd(e.currentTarget.value)}
        />
        <Button type="submit" mt={25} loading={pending} disabled={staff !== undefined && userId === ''}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
