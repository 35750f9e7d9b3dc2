import { ApiSession, apiEnrolWithTotp, enrolmentLinkOf, tokenOf } from './api.ts';
import type { RunningProduct } from './server.ts';
import type { TotpUser } from './totp.ts';

// The one staff fixture of the browser suites: the people of a test programme and how they come
// to exist — the first run through the product's own API, then each member invited by the
// administrator and enrolled with password + authenticator app (the foundation suite covers the
// same steps in the browser). Everything goes through the app's routes, so its authorisation,
// row-level security and the separation of duties (decision 010) all apply.

/** A member of staff as a suite names them; `Org` is the suite's key for their organisation. */
export type Staff<Org extends string = string> = {
  username: string;
  displayName: string;
  password: string;
  email?: string;
  role: string;
  organisation: Org;
};

/** The programme's first administrator. */
export const ADMIN = {
  username: 'anna.admin',
  displayName: 'Anna Administratör',
  password: 'en lång mening om vintern i Norrland',
};

export const OFFICER: Staff<'police'> = {
  username: 'hanna.jour',
  displayName: 'Hanna Jourhavande',
  password: 'nattpasset börjar klockan tio',
  role: 'hotline_officer',
  organisation: 'police',
};

export const COORDINATOR: Staff<'police'> = {
  username: 'sam.samordnare',
  displayName: 'Sam Samordnare',
  password: 'kaffe och kanelbullar på fredag',
  email: 'sam.samordnare@polisen.example',
  role: 'coordinator',
  organisation: 'police',
};

/**
 * The first run through the API: programme VAST, its police organisation and the administrator,
 * enrolled with TOTP. `anonymous` may be a recording session.
 */
export async function firstRun(
  product: Pick<RunningProduct, 'origin' | 'setupLink'>,
  anonymous: ApiSession = new ApiSession(product.origin),
): Promise<TotpUser> {
  const { enrolmentToken } = await anonymous.post<{ enrolmentToken: string }>('/api/v1/setup', {
    token: tokenOf(product.setupLink),
    programmeName: 'Avhopparprogrammet Region Väst',
    programmeCode: 'VAST',
    organisationName: 'Polisregion Väst',
    organisationKind: 'police',
    username: ADMIN.username,
    displayName: ADMIN.displayName,
  });
  return apiEnrolWithTotp(product.origin, enrolmentToken, ADMIN.username, ADMIN.password);
}

/** The id of the police organisation the first run created. */
export async function policeOrganisation(admin: ApiSession): Promise<string> {
  const { organisations } = await admin.get<{ organisations: { id: string; kind: string }[] }>(
    '/api/v1/admin/organisations',
  );
  return organisations.find((o) => o.kind === 'police')!.id;
}

/**
 * Invites each member with their one role and enrols them; a case-reading role is confirmed at
 * the machine (`./utvag admin confirm-member`), as an operator bootstraps a programme.
 */
export async function enrolStaff<Org extends string>(
  product: Pick<RunningProduct, 'origin' | 'cli'>,
  admin: ApiSession,
  staff: readonly Staff<Org>[],
  organisationOf: (org: Org) => string,
  into: { ids: Map<string, string>; users: Map<string, TotpUser> },
): Promise<void> {
  for (const member of staff) {
    const invited = await admin.post<{ enrolmentUrl?: string; awaitingConfirmation: boolean; user: { id: string } }>(
      '/api/v1/admin/users',
      {
        username: member.username,
        displayName: member.displayName,
        ...(member.email ? { email: member.email } : {}),
        organisationId: organisationOf(member.organisation),
        roles: [member.role],
      },
    );
    into.ids.set(member.username, invited.user.id);
    into.users.set(
      member.username,
      await apiEnrolWithTotp(
        product.origin,
        tokenOf(await enrolmentLinkOf(product, invited, member.username)),
        member.username,
        member.password,
      ),
    );
  }
}
