import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../lib/domain.ts';
import { instrumentItems } from '../../lib/domain.ts';
import { pick } from './answerLabels.ts';

type Props = { definition?: InstrumentDefinition; acuteItemIds: string[]; sticky?: boolean };

/** The red alarm of an acute answer. role=alert, so it is announced the moment it appears. */
export function AcuteAlarm({ definition, acuteItemIds, sticky = false }: Props) {
  const { t, i18n } = useTranslation();
  if (acuteItemIds.length === 0) return null;
  const items = definition ? instrumentItems(definition).filter((i) => acuteItemIds.includes(i.id)) : [];
  return (
    <Alert
      role="alert"
      color="red.9"
      variant="filled"
      title={t('acute.title')}
      className={sticky ? 'utvag-acute-alarm utvag-sticky-alarm' : 'utvag-acute-alarm'}
      // White on the dark red (5.9:1); the theme's near-black alert text would not pass AA here.
      styles={{ title: { color: '#ffffff' }, message: { color: '#ffffff' } }}
    >
      {t('acute.body')}
      {items.length > 0 && (
        <List size="sm" mt={4} className="utvag-acute-list">
          {items.map((item) => (
            <List.Item key={item.id}>{pick(item.text, i18n.language)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
