import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A small, labelled loading indicator. */
export function LoadingRow() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}
