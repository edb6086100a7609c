import type { ContactChannel } from './customers';

/**
 * The customer portal's own accounts: a contact of an environment sets a password from the
 * invitation link and signs in to that environment's portal (and no other) with their email.
 * Every route lives under `/api/portal/:slug/`.
 */

/** How long a password reset link stays usable. */
export const PASSWORD_RESET_VALID_MINUTES = 60;

/** What the invitation link may show before the contact sets a password. */
export interface PortalInvitationPreview {
  firstName: string;
  /** The address the contact will sign in with; null when the company has none on file (then the invitation cannot be accepted). */
  email: string | null;
  expiresAt: string;
}

export interface AcceptPortalInvitationRequest {
  password: string;
}

export interface PortalSignInRequest {
  email: string;
  password: string;
}

/** The signed-in contact, as the portal shows and edits them. */
export interface PortalContact {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  /** 'en', 'de', 'fr' or 'es'; null follows the environment's default. */
  language: string | null;
  /** null follows the environment's message settings. */
  preferredChannel: ContactChannel | null;
}

export interface PortalSession {
  contact: PortalContact;
  /** True until the contact has completed or skipped the profile step after their first sign-in. */
  profilePending: boolean;
}

export interface ForgotPasswordRequest {
  email: string;
}

export interface ResetPasswordRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** A field left out stays as it is; null clears phone, language or preferred channel. */
export interface UpdatePortalProfileRequest {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  language?: string | null;
  preferredChannel?: ContactChannel | null;
}
