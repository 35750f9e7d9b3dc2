import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The notice for a person under 18, in Swedish AND English whatever the interface language:
 * it may be read aloud to the person or handed to social services.
 */
export function UnderAgeNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="#8a3a00" variant="outline" role="alert" title={t('eligibility.underAgeTitle')}>
      <Stack gap={6}>
        <Text lang="sv" fw={600}>
          Personen är under 18 år. Programmet avslår inte: hänvisa till socialtjänsten, som har ansvaret för barn och
          unga, och ta kontakt med dem i dag.
        </Text>
        <Text lang="en">
          The person is under 18. The programme does not refuse: refer them to social services, who are responsible for
          children and young people, and contact them today.
        </Text>
      </Stack>
    </Alert>
  );
}
