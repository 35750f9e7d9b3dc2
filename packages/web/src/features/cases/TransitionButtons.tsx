import { Button, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useTransition, type CaseDetail } from './caseApi.ts';

/** One button per event the server allows now, named in the interface language. */
export function TransitionButtons({ data }: { data: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const transition = useTransition(data.id);
  if (data.allowedEvents.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="transitions-title">
      <Title order={2} size="h4" id="transitions-title">
        {t('case.transitions')}
      </Title>
      <ErrorAlert error={transition.error} />
      <Group gap="sm">
        {data.allowedEvents.map((event) => (
          <Button
            key={event}
            variant="default"
            loading={transition.isPending && transition.variables === event}
            disabled={transition.isPending}
            onClick={() => transition.mutate(event)}
          >
            {i18n.exists(`caseEvent.${event}`) ? t(`caseEvent.${event}`) : event}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
