import { Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import type { Action, AnyAction } from '../../lib/domain.ts';
import { formatDateTimeShort } from '../../lib/format.ts';
import { ConditionsPanel } from '../assessment/ConditionsPanel.tsx';
import { ConsentPanel } from '../assessment/ConsentPanel.tsx';
import { EligibilityPanel } from '../assessment/EligibilityPanel.tsx';
import { MeetingRecordPanel } from '../assessment/MeetingRecordPanel.tsx';
import { MappingPanel } from '../mapping/MappingPanel.tsx';
import { AcuteAlarm } from '../instruments/AcuteAlarm.tsx';
import { ChecklistAnswers } from '../instruments/ChecklistAnswers.tsx';
import { ProtectionPanel } from '../protection/ProtectionPanel.tsx';
import { RiskAnalysisPanel } from '../risk/RiskAnalysisPanel.tsx';
import { useMe, can } from '../session/useMe.ts';
import { CaseThreatPanel } from '../threat-actors/CaseThreatPanel.tsx';
import { BreakGlassBanner, BreakGlassOffer, breakGlassUntil } from './BreakGlass.tsx';
import { CaseClocks } from './ClockStatus.tsx';
import { IdentityPanel } from './IdentityPanel.tsx';
import { MeetingsPanel } from './MeetingsPanel.tsx';
import { RelatedPersons } from './RelatedPersons.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { TransitionButtons } from './TransitionButtons.tsx';
import { useCase, type CaseDetail } from './caseApi.ts';

type TabId =
  | 'overview'
  | 'first-meeting'
  | 'consent'
  | 'conditions'
  | 'eligibility'
  | 'risk'
  | 'threat'
  | 'protection'
  | 'mapping';

// Each tab shows only when the case's abilities (from the server) include its read action.
const TABS: readonly { id: TabId; labelKey: string; read: AnyAction | null }[] = [
  { id: 'overview', labelKey: 'caseTab.overview', read: null },
  { id: 'first-meeting', labelKey: 'caseTab.firstMeeting', read: 'threat:read' },
  { id: 'consent', labelKey: 'caseTab.consent', read: 'consent:read' },
  { id: 'conditions', labelKey: 'caseTab.conditions', read: 'conditions:read' },
  { id: 'eligibility', labelKey: 'caseTab.eligibility', read: 'eligibility:decide' },
  { id: 'risk', labelKey: 'caseTab.risk', read: 'risk:read' },
  // The threat links need the registry as well as the risk analysis: the server's `threat_link:read`.
  { id: 'threat', labelKey: 'caseTab.threat', read: 'threat_link:read' },
  { id: 'protection', labelKey: 'caseTab.protection', read: 'protection:read' },
  { id: 'mapping', labelKey: 'caseTab.mapping', read: 'mapping:read' },
];

function Overview({ data, canBook }: { data: CaseDetail; canBook: boolean }) {
  return (
    <Stack gap="md">
      <CaseClocks clocks={data.clocks} />
      <TransitionButtons data={data} />
      <TeamPanel caseId={data.id} canManage={data.abilities.includes('case:manage_team')} />
      {data.identity && <IdentityPanel identity={data.identity} />}
      {data.relatedPersons && <RelatedPersons persons={data.relatedPersons} />}
      {(data.checklists ?? []).map((c) => (
        <ChecklistAnswers key={`${c.instrumentKey}-${c.createdAt}`} {...c} />
      ))}
      <MeetingsPanel data={data} canBook={canBook} />
    </Stack>
  );
}

/** One case: what the user may see of it, with the alarm first, and one tab per section the server allows. */
export function CaseDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const query = useCase(id);
  const [params, setParams] = useSearchParams();
  const [breakGlass, setBreakGlass] = useState<string | null>(() => breakGlassUntil(id));
  const data = query.data;
  const notFound = isApiError(query.error) && query.error.status === 404;
  // Display only: the server decides whether break-the-glass is allowed on this case.
  const mayBreakGlass = notFound && can(me, 'case:break_glass');
  const has = (action: AnyAction | null) => action === null || (data?.abilities.includes(action) ?? false);
  const visible = TABS.filter((tab) => has(tab.read));
  const requested = params.get('tab') as TabId | null;
  const active: TabId = visible.some((tab) => tab.id === requested) ? (requested as TabId) : 'overview';
  const write = (action: Action) => data?.abilities.includes(action) ?? false;
  return (
    <Stack gap="md" maw={1280}>
      <Title order={1}>
        {t('case.title')} {data && <span className="utvag-mono">{data.code}</span>}
      </Title>
      {breakGlass && data && <BreakGlassBanner until={breakGlass} />}
      {mayBreakGlass ? (
        <>
          <ErrorAlert error={query.error} />
          <BreakGlassOffer caseId={id} onOpened={setBreakGlass} />
        </>
      ) : (
        <ErrorAlert error={query.error} />
      )}
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
          <Tabs
            value={active}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (value === null || value === 'overview') next.delete('tab');
              else next.set('tab', value);
              setParams(next, { replace: true });
            }}
            keepMounted={false}
            variant="outline"
          >
            <Tabs.List aria-label={t('caseTab.label')}>
              {visible.map((tab) => (
                <Tabs.Tab key={tab.id} value={tab.id}>
                  {t(tab.labelKey)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <Overview data={data} canBook={can(me, 'meeting:book')} />
            </Tabs.Panel>
            <Tabs.Panel value="first-meeting" pt="md">
              <MeetingRecordPanel caseId={data.id} canWrite={write('threat:write')} />
            </Tabs.Panel>
            <Tabs.Panel value="consent" pt="md">
              <ConsentPanel caseId={data.id} canWrite={write('consent:write')} />
            </Tabs.Panel>
            <Tabs.Panel value="conditions" pt="md">
              <ConditionsPanel caseId={data.id} canWrite={write('conditions:write')} />
            </Tabs.Panel>
            <Tabs.Panel value="eligibility" pt="md">
              <EligibilityPanel caseId={data.id} canDecide={write('eligibility:decide')} />
            </Tabs.Panel>
            <Tabs.Panel value="risk" pt="md">
              <RiskAnalysisPanel caseId={data.id} canWrite={write('risk:write')} />
            </Tabs.Panel>
            <Tabs.Panel value="threat" pt="md">
              <CaseThreatPanel caseId={data.id} canWrite={write('risk:write')} />
            </Tabs.Panel>
            <Tabs.Panel value="protection" pt="md">
              <ProtectionPanel caseId={data.id} canWrite={write('protection:write')} />
            </Tabs.Panel>
            <Tabs.Panel value="mapping" pt="md">
              <MappingPanel caseId={data.id} canWrite={write('mapping:write')} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
