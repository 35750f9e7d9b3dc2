import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EnrolmentLink } from '../../lib/domain.ts';
import { formatDateTime } from '../../lib/format.ts';

type Props = {
  link: EnrolmentLink;
  displayName: string;
  onDismiss: () => void;
};

/** The one-time enrolment link, shown once, for the administrator to hand over in person. */
export function EnrolmentLinkNotice({ link, displayName, onDismiss }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t('enrolmentLink.title', { name: displayName })}>
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t('enrolmentLink.once')}
        </Text>
        <TextInput
          label={t('enrolmentLink.label')}
          value={link.enrolmentUrl}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          classNames={{ input: 'utvag-mono' }}
        />
        <Text size="sm">
          {t('enrolmentLink.expires', {
            at: formatDateTime(link.expiresAt, i18n.language),
          })}
        </Text>
        <Text size="sm">{t('enrolmentLink.handover')}</Text>
        <Group>
          <CopyButton value={link.enrolmentUrl}>
            {({ copied, copy }) => (
              <Button onClick={copy}>{copied ? t('common.copied') : t('enrolmentLink.copy')}</Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDismiss}>
            {t('enrolmentLink.done')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
