import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUserView as AdminUser } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { Role } from '../../lib/domain.ts';
import { useUpdateRoles } from './adminApi.ts';
import { RoleCheckboxes } from './RoleCheckboxes.tsx';

/** Change one user's roles. */
export function EditRolesDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const update = useUpdateRoles();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.editRolesTitle', { name: user.displayName })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <ErrorAlert error={update.error} />
        <RoleCheckboxes value={roles} onChange={setRoles} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={update.isPending}
            onClick={() => update.mutate({ id: user.id, roles }, { onSuccess: onClose })}
          >
            {t('users.saveRoles')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
