import { Button, Fieldset, Group, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  MAPPING_NEEDS,
  MAPPING_TEXT_FIELDS,
  type MappingDefinitionView,
  type MappingNeed,
  type MappingTextField,
  type MappingView,
} from '../../lib/domain.ts';
import { pick } from '../instruments/answerLabels.ts';
import { useCreateMapping } from './mappingApi.ts';

type AreaState = { need: MappingNeed } & Record<MappingTextField, string>;

function initialState(definition: MappingDefinitionView, previous: MappingView | null): Record<string, AreaState> {
  const before = new Map((previous?.areas ?? []).map((a) => [a.areaId, a]));
  return Object.fromEntries(
    definition.areas.map((area) => {
      const from = before.get(area.id);
      const texts = Object.fromEntries(MAPPING_TEXT_FIELDS.map((f) => [f, from?.[f] ?? ''])) as Record<
        MappingTextField,
        string
      >;
      return [area.id, { need: from?.need ?? 'not_yet_known', ...texts }];
    }),
  );
}

/** A new mapping, area by area; started from the previous one when given, which the server then compares with. */
export function MappingForm({
  caseId,
  definition,
  previous,
  onDone,
}: {
  caseId: string;
  definition: MappingDefinitionView;
  previous: MappingView | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [areas, setAreas] = useState(() => initialState(definition, previous));
  const save = useCreateMapping(caseId);
  const set = (areaId: string, patch: Partial<AreaState>) =>
    setAreas((all) => ({ ...all, [areaId]: { ...all[areaId]!, ...patch } }));
  const submit = () =>
    save.mutate(
      {
        definitionId: definition.id,
        definitionVersion: definition.version,
        ...(previous ? { previousMappingId: previous.id } : {}),
        areas: definition.areas.map((area) => {
          const state = areas[area.id]!;
          return {
            areaId: area.id,
            need: state.need,
            ...Object.fromEntries(MAPPING_TEXT_FIELDS.map((f) => [f, state[f]])),
          };
        }),
      },
      { onSuccess: onDone },
    );
  return (
    <Stack gap="md" component="form" onSubmit={(e) => (e.preventDefault(), submit())}>
      <Title order={2} size="h4">
        {previous ? t('mapping.formFromPrevious') : t('mapping.formNew')}
      </Title>
      <Text size="sm" c="dimmed">
        {pick(definition.name, lang)} {t('checklist.version', { version: definition.version })}.{' '}
        {t('mapping.notYetKnownHint')}
      </Text>
      {definition.areas.map((area) => {
        const state = areas[area.id]!;
        return (
          <Fieldset
            key={area.id}
            legend={pick(area.name, lang)}
            variant="filled"
            styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
          >
            <Stack gap="sm">
              {area.help && (
                <Text size="sm" c="dimmed">
                  {pick(area.help, lang)}
                </Text>
              )}
              <Radio.Group
                label={t('mapping.need')}
                value={state.need}
                onChange={(value) => set(area.id, { need: value as MappingNeed })}
              >
                <Group gap="md" mt={4}>
                  {MAPPING_NEEDS.map((need) => (
                    <Radio key={need} value={need} label={t(`mapping.needLevel.${need}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                {MAPPING_TEXT_FIELDS.map((field) => (
                  <Textarea
                    key={field}
                    label={t(`mapping.field.${field}`)}
                    autosize
                    minRows={2}
                    maxLength={4000}
                    value={state[field]}
                    onChange={(e) => set(area.id, { [field]: e.currentTarget.value })}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          </Fieldset>
        );
      })}
      <ErrorAlert error={save.error} />
      <Group gap="sm">
        <Button type="submit" loading={save.isPending}>
          {t('mapping.save')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
