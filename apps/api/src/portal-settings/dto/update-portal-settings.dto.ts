import { PORTAL_RULE_LIMITS, SLOT_GRANULARITIES, SlotGranularityMinutes, UpdatePortalSettingsRequest } from '@fieldbook/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { TextField } from '../../common/validation';

/** May be left out, but a value that is sent (null included) must be valid: null does not mean "keep". */
const whenSent = ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A whole number within the limits the database enforces; JSON numbers only, no "10" strings. */
function RuleNumber(field: keyof typeof PORTAL_RULE_LIMITS, description: string, example: number) {
  const { min, max } = PORTAL_RULE_LIMITS[field];
  return applyDecorators(ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, description, example }), whenSent, IsInt(), Min(min), Max(max));
}

function RuleSwitch(description: string) {
  return applyDecorators(ApiPropertyOptional({ type: Boolean, description }), whenSent, IsBoolean());
}

/** Any subset of the settings; a field left out keeps its value. */
export class UpdatePortalSettingsDto implements UpdatePortalSettingsRequest {
  @TextField({ max: 120, optional: true, example: 'Northwind Heating & Air', description: 'The name customers see in the portal and its messages' })
  portalName?: string;

  @RuleNumber('minLeadDays', 'Customers can book from this many days ahead (0 = today). Must be less than maxLeadDays, sent or stored.', 1)
  minLeadDays?: number;

  @RuleNumber('maxLeadDays', 'Customers can book up to this many days ahead. Must be more than minLeadDays, sent or stored.', 60)
  maxLeadDays?: number;

  @RuleSwitch('Customers choose the asset the work is for (false: the booking is for the account as a whole)')
  assetSelection?: boolean;

  @RuleSwitch('Customers may add a free-text description of the problem to a booking')
  additionalDetails?: boolean;

  @RuleNumber('travelRadiusKm', 'Technicians whose home is farther than this from the service location are not offered; 0 means no limit', 0)
  travelRadiusKm?: number;

  @RuleNumber('travelBufferMinutes', 'Minutes kept free before and after each booking for travel', 30)
  travelBufferMinutes?: number;

  @ApiPropertyOptional({ type: 'integer', enum: [...SLOT_GRANULARITIES], example: 30, description: 'Offered start times fall on this grid, in minutes' })
  @whenSent
  @IsInt()
  @IsIn([...SLOT_GRANULARITIES])
  slotGranularityMinutes?: SlotGranularityMinutes;

  @RuleNumber('rescheduleCutOffHours', 'Customers can reschedule a booking until this many hours before it starts (0: until it starts)', 24)
  rescheduleCutOffHours?: number;

  @RuleNumber('cancelCutOffHours', 'Customers can cancel a booking until this many hours before it starts (0: until it starts)', 24)
  cancelCutOffHours?: number;
}
