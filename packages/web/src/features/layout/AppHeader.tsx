import { Burger, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../lib/domain.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ProgrammeSwitch } from './ProgrammeSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';

type Props = {
  me: Me | undefined;
  navOpened: boolean;
  onToggleNav: () => void;
};

/** Product name, active programme, language and the user's menu. */
export function AppHeader({ me, navOpened, onToggleNav }: Props) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="md" wrap="nowrap">
        {me && (
          <Burger
            opened={navOpened}
            onClick={onToggleNav}
            hiddenFrom="sm"
            size="sm"
            color="white"
            aria-label={t('nav.toggle')}
          />
        )}
        <Text component="span" fw={700} size="lg" className="utvag-header-text">
          {t('app.name')}
        </Text>
        {me && <ProgrammeSwitch me={me} />}
      </Group>
      <Group gap="sm" wrap="nowrap">
        <LanguageSwitch />
        {me && <UserMenu me={me} />}
      </Group>
    </Group>
  );
}
