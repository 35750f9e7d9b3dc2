import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { useCaseAttention } from './useCaseAttention.ts';

/** Cases that need attention now, arriving live. The list is a polite live region. */
export function AttentionFeed() {
  const { t, i18n } = useTranslation();
  const events = useCaseAttention(true);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attention-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="attention-title">
          {t('attention.title')}
        </Title>
        <div aria-live="polite" aria-relevant="additions text">
          {events.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('attention.empty')}
            </Text>
          ) : (
            <Stack gap={6}>
              {events.map((e) => (
                <Alert
                  key={`${e.type}-${e.caseId}`}
                  color={e.type === 'break_glass' ? 'red.9' : 'orange'}
                  variant="light"
                  py={8}
                  title={
                    e.type === 'break_glass'
                      ? t('attention.breakGlass', { code: e.caseCode })
                      : t('attention.item', { code: e.caseCode })
                  }
                >
                  <Text size="sm" component="span">
                    {t('attention.at', { time: formatTime(e.at, i18n.language) })}{' '}
                  </Text>
                  <Anchor component={Link} to={`/cases/${e.caseId}`} size="sm">
                    {t('attention.open', { code: e.caseCode })}
                  </Anchor>
                </Alert>
              ))}
            </Stack>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
