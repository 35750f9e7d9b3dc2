import { Button, MultiSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { useStaff } from '../scheduling/schedulingApi.ts';
import { fetchIdentityLink, useRecordIdentityLink } from './protectionApi.ts';
import { SensitiveViewDialog } from './SensitiveViewDialog.tsx';

/**
 * The sealed link between an old and a fictitious identity. SECURITY: the server shows it only to
 * named readers with a fresh second factor, and logs every view with the stated reason.
 */
export function IdentityLinkSection({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState(false);
  const [recording, setRecording] = useState(false);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="identity-link-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="identity-link-title">
          {t('identityLink.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('identityLink.help')}
        </Text>
        <Button variant="outline" color="red.9" style={{ alignSelf: 'flex-start' }} onClick={() => setViewing(true)}>
          {t('identityLink.show')}
        </Button>
        {canWrite && !recording && (
          <Button variant="subtle" style={{ alignSelf: 'flex-start' }} onClick={() => setRecording(true)}>
            {t('identityLink.record')}
          </Button>
        )}
        {recording && <IdentityLinkForm caseId={caseId} onDone={() => setRecording(false)} />}
      </Stack>
      <SensitiveViewDialog
        opened={viewing}
        title={t('identityLink.title')}
        reasonLabel={t('identityLink.reason')}
        reasonHelp={t('identityLink.reasonHelp')}
        revealLabel={t('identityLink.show')}
        fetchSecret={(reason) => fetchIdentityLink(caseId, reason)}
        onClose={() => setViewing(false)}
      />
    </Paper>
  );
}

function IdentityLinkForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const record = useRecordIdentityLink(caseId);
  const errors = useFieldErrors(record.error);
  const [link, setLink] = useState('');
  const [readers, setReaders] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate({ link, sealedReaderIds: readers }, { onSuccess: onDone });
  };
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-labelledby="identity-link-form-title">
      <Title order={3} size="h5" id="identity-link-form-title">
        {t('identityLink.record')}
      </Title>
      <FieldErrorList error={record.error} />
      <Textarea
        label={t('identityLink.link')}
        autosize
        minRows={2}
        required
        autoComplete="off"
        value={link}
        onChange={(e) => setLink(e.currentTarget.value)}
        error={errors.link}
      />
      <MultiSelect
        label={t('identityLink.readers')}
        data={(staff.data?.staff ?? [])
          .filter((s) => s.sealedReader)
          .map((s) => ({ value: s.userId, label: s.displayName }))}
        value={readers}
        onChange={setReaders}
        required
        error={errors.sealedReaderIds}
      />
      <Button type="submit" variant="default" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('identityLink.save')}
      </Button>
    </Stack>
  );
}
