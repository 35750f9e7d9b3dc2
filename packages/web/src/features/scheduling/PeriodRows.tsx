import { Button, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay, formatTime } from '../../lib/format.ts';

/** A row of a time list: who, from when to when. */
export type PeriodRow = { id: string; displayName: string; startsAt: string; endsAt: string; extra?: string };

type Props = {
  rows: PeriodRow[];
  caption: string;
  removeLabel: (row: PeriodRow) => string;
  onRemove?: (id: string) => void;
  removing?: boolean;
};

/** A dense table of periods, by day, with a remove button when allowed. */
export function PeriodTable({ rows, caption, removeLabel, onRemove, removing }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table striped withTableBorder className="utvag-table" verticalSpacing={4}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('roster.day')}</Table.Th>
          <Table.Th scope="col">{t('roster.time')}</Table.Th>
          <Table.Th scope="col">{t('roster.who')}</Table.Th>
          {onRemove && <Table.Th scope="col">{t('users.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(r.startsAt, lang)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatTime(r.startsAt, lang)}–{formatTime(r.endsAt, lang)}
              {formatDay(r.endsAt, lang) !== formatDay(r.startsAt, lang) && ` (${formatDay(r.endsAt, lang)})`}
            </Table.Td>
            <Table.Td>
              {r.displayName}
              {r.extra && ` · ${r.extra}`}
            </Table.Td>
            {onRemove && (
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  disabled={removing}
                  aria-label={removeLabel(r)}
                  onClick={() => onRemove(r.id)}
                >
                  {t('roster.remove')}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
