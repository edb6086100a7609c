export interface PortalSettings {
  environmentId: string;
  portalName: string;
  updatedAt: string;
}

export interface UpdatePortalSettingsRequest {
  portalName?: string;
}

/** What anyone may know about a portal from its address. */
export interface PortalInfo {
  slug: string;
  portalName: string;
  sandbox: boolean;
}

export interface AuditEvent {
  id: string;
  action: string;
  actorName: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}
