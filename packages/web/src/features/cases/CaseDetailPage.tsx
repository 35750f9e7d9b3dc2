import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { AcuteAlarm } from '../instruments/AcuteAlarm.tsx';
import { ChecklistAnswers } from '../instruments/ChecklistAnswers.tsx';
import { useMe, can } from '../session/useMe.ts';
import { CaseClocks } from './ClockStatus.tsx';
import { IdentityPanel } from './IdentityPanel.tsx';
import { MeetingsPanel } from './MeetingsPanel.tsx';
import { RelatedPersons } from './RelatedPersons.tsx';
import { TransitionButtons } from './TransitionButtons.tsx';
import { useCase } from './caseApi.ts';

/** One case: what the user may see of it, with the alarm and the clocks first. */
export function CaseDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const query = useCase(id);
  const data = query.data;
  return (
    <Stack gap="md" maw={1080}>
      <Title order={1}>
        {t('case.title')} {data && <span className="utvag-mono">{data.code}</span>}
      </Title>
      <ErrorAlert error={query.error} />
      {query.isPending && <LoadingRow />}
      {data && (
        <>
          <Group gap="sm">
            <Badge size="lg" radius="sm" variant="outline" color="navy">
              {i18n.exists(`caseState.${data.state}`) ? t(`caseState.${data.state}`) : data.state}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('case.contactAt', { at: formatDateTimeShort(data.contactAt, i18n.language) })}
            </Text>
          </Group>
          {data.acute && <AcuteAlarm acuteItemIds={['acute']} />}
          <CaseClocks clocks={data.clocks} />
          <TransitionButtons data={data} />
          {data.identity && <IdentityPanel identity={data.identity} />}
          {data.relatedPersons && <RelatedPersons persons={data.relatedPersons} />}
          {(data.checklists ?? []).map((c) => (
            <ChecklistAnswers key={`${c.instrumentKey}-${c.createdAt}`} {...c} />
          ))}
          <MeetingsPanel data={data} canBook={can(me, 'meeting:book')} />
        </>
      )}
    </Stack>
  );
}
