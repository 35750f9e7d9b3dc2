import { Alert, Button, Checkbox, CopyButton, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Shows the recovery codes exactly once; the user confirms they saved them before moving on. */
export function RecoveryCodesStep({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('recovery.title')}
      </Title>
      <Alert color="orange" variant="light" role="alert" title={t('recovery.warningTitle')}>
        {t('recovery.warningBody')}
      </Alert>
      <Paper withBorder p="md">
        <SimpleGrid cols={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {codes.map((code) => (
            <Text component="li" key={code} className="utvag-mono" size="md">
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <CopyButton value={codes.join('\n')}>
        {({ copied, copy }) => (
          <Button variant="default" onClick={copy}>
            {copied ? t('common.copied') : t('recovery.copy')}
          </Button>
        )}
      </CopyButton>
      <Checkbox label={t('recovery.saved')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Button disabled={!saved} onClick={() => void navigate('/login', { replace: true })}>
        {t('recovery.continue')}
      </Button>
      <Text size="sm" c="dimmed">
        {t('recovery.help')}
      </Text>
    </Stack>
  );
}
