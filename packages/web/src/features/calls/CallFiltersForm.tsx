import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_DECISIONS, CALLER_TYPES, type CallDecision, type CallerType } from '../../lib/domain.ts';
import { useStaff } from '../scheduling/schedulingApi.ts';
import type { CallFilters } from './callsApi.ts';

type Props = { value: CallFilters; onChange: (filters: CallFilters) => void };

/** Date, caller type, decision and handler. There is no filter on identity. */
export function CallFiltersForm({ value, onChange }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [draft, setDraft] = useState<CallFilters>(value);
  const set = (patch: Partial<CallFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const any = (label: string) => ({ value: '', label });
  return (
    <form onSubmit={submit} aria-label={t('calls.filters')}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="date"
          label={t('calls.from')}
          value={draft.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('calls.to')}
          value={draft.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        />
        <NativeSelect
          label={t('call.callerType')}
          value={draft.callerType ?? ''}
          onChange={(e) => set({ callerType: (e.currentTarget.value || undefined) as CallerType | undefined })}
          data={[any(t('calls.all')), ...CALLER_TYPES.map((c) => ({ value: c, label: t(`callerType.${c}`) }))]}
        />
        <NativeSelect
          label={t('call.decision')}
          value={draft.decision ?? ''}
          onChange={(e) => set({ decision: (e.currentTarget.value || undefined) as CallDecision | undefined })}
          data={[any(t('calls.all')), ...CALL_DECISIONS.map((d) => ({ value: d, label: t(`decision.${d}`) }))]}
        />
        {staff.data && (
          <NativeSelect
            label={t('calls.handler')}
            value={draft.handlerId ?? ''}
            onChange={(e) => set({ handlerId: e.currentTarget.value || undefined })}
            data={[any(t('calls.all')), ...staff.data.staff.map((s) => ({ value: s.userId, label: s.displayName }))]}
          />
        )}
        <Button type="submit">{t('calls.search')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            onChange({});
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}
