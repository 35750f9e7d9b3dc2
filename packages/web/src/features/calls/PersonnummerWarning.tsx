import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LookupMatch } from './callsApi.ts';

/**
 * The person is already known. SECURITY: a hotline officer not on that case learns only that it
 * exists and whom to contact; the link shows only for a case the user is on.
 */
export function PersonnummerWarning({ matches }: { matches: LookupMatch[] }) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('lookup.title')} role="status">
      <Stack gap={4}>
        {matches.map((match, index) => {
          const names = match.contacts.map((c) => c.displayName).join(', ');
          return (
            <Text key={match.caseId ?? index} size="sm">
              {names === '' ? t('lookup.knownNoContact') : t('lookup.known', { contacts: names })}{' '}
              {match.onTeam && match.caseId && (
                <Anchor component={Link} to={`/cases/${match.caseId}`}>
                  {t('lookup.open', { code: match.caseCode ?? '' })}
                </Anchor>
              )}
            </Text>
          );
        })}
      </Stack>
    </Alert>
  );
}
