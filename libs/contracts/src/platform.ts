export const ROLES = ['owner', 'admin', 'dispatcher'] as const;
export type Role = (typeof ROLES)[number];

export const ENVIRONMENT_KINDS = ['production', 'sandbox'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

/** Password policy shared by the API and the forms that ask for one. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export interface SignUpRequest {
  organizationName: string;
  name: string;
  email: string;
  password: string;
  language?: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

export interface AdminUserSummary {
  id: string;
  email: string;
  name: string;
  language: string | null;
}

export interface EnvironmentSummary {
  id: string;
  organizationId: string;
  kind: EnvironmentKind;
  name: string;
  slug: string;
  /** Where the customers of this environment find their portal. */
  portalUrl: string;
}

export interface OrganizationSummary {
  id: string;
  name: string;
  /** The signed-in admin's role in this organization. */
  role: Role;
  environments: EnvironmentSummary[];
}

export interface SessionResponse {
  user: AdminUserSummary;
  organizations: OrganizationSummary[];
}

export interface MemberSummary {
  adminUserId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface InviteMemberRequest {
  email: string;
  role: Role;
}

export interface ChangeRoleRequest {
  role: Role;
}

export interface InvitationSummary {
  id: string;
  email: string;
  role: Role;
  invitedByName: string;
  createdAt: string;
  expiresAt: string;
}

/** Returned once, when the invitation is created: the link is never shown again. */
export interface InvitationCreated extends InvitationSummary {
  acceptUrl: string;
}

export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: string;
  /** Whether an admin user with this email exists (then accepting asks for that password). */
  existingUser: boolean;
}

export interface AcceptInvitationRequest {
  /** Required when no admin user with the invited email exists yet. */
  name?: string;
  password: string;
}
