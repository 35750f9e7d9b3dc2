// The one door from the web app to the shared domain package, so every screen names roles,
// actions and organisation kinds from the same closed lists as the server.
export {
  ACTIONS,
  ORGANISATION_KINDS,
  ROLES,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  checkPassword,
  type Action,
  type OrganisationKind,
  type PasswordRejection,
  type Role,
} from '@utvag/domain';
