import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { noContent, type Me } from '../../lib/domain.ts';
import { endSessionLocally } from '../session/endSession.ts';

/** The user's name, opening a menu to sign out here or on every device. */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();

  const signOut = async (everywhere: boolean) => {
    try {
      await api(noContent, everywhere ? '/api/v1/auth/logout-everywhere' : '/api/v1/auth/logout', { method: 'POST' });
    } finally {
      // Even if the call fails the screen is cleared; the server's timeouts end the session.
      endSessionLocally('signed_out');
    }
  };

  return (
    <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button variant="default" size="sm">
          {me.user.displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void signOut(false)}>{t('header.signOut')}</Menu.Item>
        <Menu.Item onClick={() => void signOut(true)}>{t('header.signOutEverywhere')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
