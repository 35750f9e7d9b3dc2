import { Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../lib/domain.ts';

type Props = {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
};

/** One labelled checkbox per role, in a group named "Roller". */
export function RoleCheckboxes({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('users.roles')}
      description={t('users.rolesHelp')}
      value={value}
      onChange={(roles) => onChange(roles as Role[])}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {ROLES.map((role) => (
          <Checkbox key={role} value={role} label={t(`role.${role}`)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
