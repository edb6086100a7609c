/** The slot grid steps a portal may offer times on, in minutes. */
export const SLOT_GRANULARITIES = [5, 10, 15, 20, 30, 60, 120] as const;
export type SlotGranularityMinutes = (typeof SLOT_GRANULARITIES)[number];

/** Limits of the portal's booking rules; the minimum lead must stay below the maximum. */
export const PORTAL_RULE_LIMITS = {
  minLeadDays: { min: 0, max: 365 },
  maxLeadDays: { min: 1, max: 365 },
  travelRadiusKm: { min: 0, max: 20000 },
  travelBufferMinutes: { min: 0, max: 480 },
  rescheduleCutOffHours: { min: 0, max: 720 },
  cancelCutOffHours: { min: 0, max: 720 },
} as const;

export interface PortalSettings {
  environmentId: string;
  portalName: string;
  /** Customers can book from this many days ahead (0 = today). */
  minLeadDays: number;
  /** … up to this many days ahead; always more than minLeadDays. */
  maxLeadDays: number;
  /** Customers choose the asset the work is for. */
  assetSelection: boolean;
  /** Customers may describe the problem in their own words. */
  additionalDetails: boolean;
  /** Technicians farther away are not offered; 0 = no limit. */
  travelRadiusKm: number;
  /** Kept free before and after each booking. */
  travelBufferMinutes: number;
  /** Offered start times fall on this grid. */
  slotGranularityMinutes: SlotGranularityMinutes;
  /** Customers can reschedule until this many hours before the start. */
  rescheduleCutOffHours: number;
  /** Customers can cancel until this many hours before the start. */
  cancelCutOffHours: number;
  updatedAt: string;
}

export interface UpdatePortalSettingsRequest {
  portalName?: string;
  minLeadDays?: number;
  maxLeadDays?: number;
  assetSelection?: boolean;
  additionalDetails?: boolean;
  travelRadiusKm?: number;
  travelBufferMinutes?: number;
  slotGranularityMinutes?: SlotGranularityMinutes;
  rescheduleCutOffHours?: number;
  cancelCutOffHours?: number;
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
