import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MAPPING_NEEDS, MAPPING_TEXT_FIELDS, type MappingNeed, type MappingView as Mapping } from '../../lib/domain.ts';
import { formatDateTimeShort } from '../../lib/format.ts';
import { pick } from '../instruments/answerLabels.ts';

/** Colours of the need badges, each with enough contrast against white text. */
export const NEED_COLOUR: Record<MappingNeed, string> = {
  none: '#1d6330',
  some: '#7a5a00',
  great: '#8a3a00',
  // Not yet known is not "no need": it stands out as work still to do.
  not_yet_known: '#4a4a6a',
};

export function NeedBadge({ need }: { need: MappingNeed }) {
  const { t } = useTranslation();
  return (
    <Badge color={NEED_COLOUR[need]} variant="filled" radius="sm">
      {t(`mapping.needLevel.${need}`)}
    </Badge>
  );
}

/** One saved mapping, read-only: the areas the server showed, the needs counted, and what changed. */
export function MappingView({ mapping }: { mapping: Mapping }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const titleId = `mapping-${mapping.id}`;
  const changes = new Map((mapping.changes?.areas ?? []).map((c) => [c.areaId, c]));
  const nameOf = new Map(mapping.areas.map((a) => [a.areaId, pick(a.name, lang)]));
  const counts = Object.fromEntries(
    MAPPING_NEEDS.map((need) => [need, mapping.areas.filter((a) => a.need === need).length]),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('mapping.mappingOf', { at: formatDateTimeShort(mapping.createdAt, lang) })}
        </Title>
        <Text size="sm" c="dimmed">
          {mapping.definitionName ? pick(mapping.definitionName, lang) : mapping.definitionId}{' '}
          {t('checklist.version', { version: mapping.definitionVersion })}
        </Text>
        <Group gap="xs" aria-label={t('mapping.needCounts')}>
          {MAPPING_NEEDS.map((need) => (
            <Text key={need} size="sm">
              {t(`mapping.needLevel.${need}`)}: <strong>{counts[need]}</strong>
            </Text>
          ))}
        </Group>
        {mapping.changes && (
          <Paper p="sm" bg="gray.0" component="section" aria-labelledby={`${titleId}-changes`}>
            <Title order={3} size="h5" id={`${titleId}-changes`}>
              {t('mapping.changesTitle')}
            </Title>
            {mapping.changes.areas.length === 0 ? (
              <Text size="sm">{t('mapping.noChanges')}</Text>
            ) : (
              <List size="sm" spacing={2}>
                {mapping.changes.areas.map((c) => (
                  <List.Item key={c.areaId}>
                    <strong>{nameOf.get(c.areaId) ?? c.areaId}</strong>
                    {c.need &&
                      `: ${t('mapping.needChanged', {
                        from: t(`mapping.needLevel.${c.need.from}`),
                        to: t(`mapping.needLevel.${c.need.to}`),
                      })}`}
                    {c.changedFields.length > 0 &&
                      ` — ${t('mapping.fieldsChanged', {
                        fields: c.changedFields.map((f) => t(`mapping.field.${f}`)).join(', '),
                      })}`}
                  </List.Item>
                ))}
              </List>
            )}
          </Paper>
        )}
        {mapping.areas.map((area) => (
          <Paper key={area.areaId} withBorder p="sm" component="section" aria-label={pick(area.name, lang)}>
            <Stack gap={6}>
              <Group gap="sm">
                <Title order={3} size="h5">
                  {pick(area.name, lang)}
                </Title>
                <NeedBadge need={area.need} />
                {changes.has(area.areaId) && (
                  <Badge variant="outline" color="navy" radius="sm">
                    {t('mapping.changed')}
                  </Badge>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
                {MAPPING_TEXT_FIELDS.filter((f) => area[f]).map((field) => (
                  <div key={field}>
                    <Text size="xs" fw={700}>
                      {t(`mapping.field.${field}`)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {area[field]}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
