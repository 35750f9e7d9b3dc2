import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The filters of an access-log search, as sent to the server. */
export type AuditFilters = {
  userId: string;
  recordId: string;
  from: string;
  to: string;
  limit: string;
};

export const EMPTY_FILTERS: AuditFilters = {
  userId: '',
  recordId: '',
  from: '',
  to: '',
  limit: '100',
};

/** Filters for the access log: user id, record id, date range and row count. */
export function AuditSearchForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const set = (key: keyof AuditFilters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setFilters((f) => ({ ...f, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filters);
  };

  return (
    <form onSubmit={submit} aria-label={t('audit.searchLabel')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <TextInput label={t('audit.userId')} value={filters.userId} onChange={set('userId')} spellCheck={false} />
        <TextInput label={t('audit.recordId')} value={filters.recordId} onChange={set('recordId')} spellCheck={false} />
        <TextInput label={t('audit.from')} type="date" value={filters.from} onChange={set('from')} />
        <TextInput label={t('audit.to')} type="date" value={filters.to} onChange={set('to')} />
        <NativeSelect
          label={t('audit.limit')}
          value={filters.limit}
          onChange={set('limit')}
          data={['50', '100', '500']}
        />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit">{t('audit.search')}</Button>
        <Button
          variant="default"
          onClick={() => {
            setFilters(EMPTY_FILTERS);
            onSearch(EMPTY_FILTERS);
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}

/** The query string for a search; dates are whole local days, sent as ISO instants. */
export function auditQuery(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.userId.trim()) params.set('userId', filters.userId.trim());
  if (filters.recordId.trim()) params.set('recordId', filters.recordId.trim());
  if (filters.from) params.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) params.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  params.set('limit', filters.limit);
  return params.toString();
}
