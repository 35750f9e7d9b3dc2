import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { ConfirmDialog } from '../admin/ConfirmDialog.tsx';
import { SectionState } from '../cases/SectionState.tsx';
import { useConsents, useProgrammeOrganisations, useWithdrawConsent, type Consent } from './assessmentApi.ts';
import { ConsentForm } from './ConsentForm.tsx';
import { LegalBasesSection } from './LegalBasesSection.tsx';

/** "Samtycke": the consent register with withdrawal, and the recorded legal bases. */
export function ConsentPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const register = useConsents(caseId);
  const organisations = useProgrammeOrganisations();
  const orgName = (id: string, given?: string | null) =>
    given ?? organisations.data?.organisations.find((o) => o.id === id)?.name ?? t('consent.unknownOrganisation');
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="consents-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="consents-title">
            {t('consent.registerTitle')}
          </Title>
          <SectionState error={register.error} isPending={register.isPending} />
          {register.data && register.data.consents.length === 0 && <EmptyState>{t('consent.empty')}</EmptyState>}
          {register.data && register.data.consents.length > 0 && (
            <ConsentTable caseId={caseId} consents={register.data.consents} orgName={orgName} canWrite={canWrite} />
          )}
        </Stack>
      </Paper>
      {canWrite && !register.error && <ConsentForm caseId={caseId} organisations={organisations} />}
      {register.data && (
        <LegalBasesSection
          caseId={caseId}
          legalBases={register.data.legalBases}
          organisations={organisations.data?.organisations ?? []}
          orgName={orgName}
          canWrite={canWrite}
        />
      )}
    </Stack>
  );
}

type TableProps = {
  caseId: string;
  consents: Consent[];
  orgName: (id: string, given?: string | null) => string;
  canWrite: boolean;
};

function ConsentTable({ caseId, consents, orgName, canWrite }: TableProps) {
  const { t, i18n } = useTranslation();
  const withdraw = useWithdrawConsent(caseId);
  const [confirming, setConfirming] = useState<Consent | null>(null);
  const sectionNames = (sections: string[]) =>
    sections.map((s) => (i18n.exists(`sectionName.${s}`) ? t(`sectionName.${s}`) : s)).join(', ');
  return (
    <>
      <Table withTableBorder striped className="utvag-table">
        <Table.Caption>{t('consent.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('consent.organisations')}</Table.Th>
            <Table.Th scope="col">{t('consent.givenAt')}</Table.Th>
            <Table.Th scope="col">{t('consent.method')}</Table.Th>
            <Table.Th scope="col">{t('consent.status')}</Table.Th>
            {canWrite && <Table.Th scope="col">{t('users.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {consents.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Stack gap={4}>
                  {c.organisations.map((o) => (
                    <Text size="sm" key={o.organisationId}>
                      <strong>{orgName(o.organisationId, o.name)}</strong>: {o.purposes}{' '}
                      <Text span size="xs" c="dimmed">
                        ({sectionNames(o.sections)})
                      </Text>
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(c.givenAt, i18n.language)}</Table.Td>
              <Table.Td>
                {t(`signingMethod.${c.method}`)}
                {c.witnessName && (
                  <Text size="xs" c="dimmed">
                    {t('consent.witnessShown', { name: c.witnessName })}
                  </Text>
                )}
                {c.attachmentId && (
                  <Text size="xs" c="dimmed">
                    {t('consent.hasAttachment')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {c.withdrawnAt ? (
                  <Badge color="gray.8" variant="outline" radius="sm">
                    {t('consent.withdrawnAt', { at: formatDateTimeShort(c.withdrawnAt, i18n.language) })}
                  </Badge>
                ) : c.status === 'not_yet_in_force' ? (
                  <Badge color="gray.8" variant="outline" radius="sm">
                    {t('consent.notYetInForce')}
                  </Badge>
                ) : (
                  <Badge color="#1d6330" variant="filled" radius="sm">
                    {t('consent.current')}
                  </Badge>
                )}
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  {!c.withdrawnAt && (
                    <Button size="compact-sm" variant="default" color="red.9" onClick={() => setConfirming(c)}>
                      {t('consent.withdraw')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmDialog
        opened={confirming !== null}
        title={t('consent.withdrawTitle')}
        body={t('consent.withdrawBody')}
        confirmLabel={t('consent.withdrawConfirm')}
        danger
        pending={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => {
          if (confirming) withdraw.mutate(confirming.id, { onSuccess: () => setConfirming(null) });
        }}
        onClose={() => {
          withdraw.reset();
          setConfirming(null);
        }}
      />
    </>
  );
}
