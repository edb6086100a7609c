import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageChannelChoice, ReminderTiming, SwitchableMessageType, UpdateMessageSettingsRequest } from '@fieldbook/contracts';
import { Type } from 'class-transformer';
import { Allow, IsArray, IsInt, IsNotEmpty, IsObject, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { KeptBooleanField, KeptFormattedText, KeptOneOfField, NullableFormattedText } from '../message-fields';

export const CHANNEL_CHOICES: readonly MessageChannelChoice[] = ['email', 'sms', 'both'];
export const REMINDER_TIMINGS: readonly ReminderTiming[] = ['utc', 'local'];

export class EnabledMessagesDto implements Partial<Record<SwitchableMessageType, boolean>> {
  @KeptBooleanField('Invitation to the portal, sent to a new contact')
  invite?: boolean;

  @KeptBooleanField('Booking confirmation')
  confirmed?: boolean;

  @KeptBooleanField('Reminder before the appointment')
  reminder?: boolean;

  @KeptBooleanField('Notice of a new time')
  rescheduled?: boolean;

  @KeptBooleanField('Notice of a cancellation')
  canceled?: boolean;

  @KeptBooleanField('Notice that the work is done')
  completed?: boolean;

  /** Accepted here only so that the service can refuse it with its reason instead of "unknown field". */
  @ApiHideProperty()
  @Allow()
  password_reset?: unknown;
}

export class UpdateMessageSettingsDto implements UpdateMessageSettingsRequest {
  @ApiPropertyOptional({ type: EnabledMessagesDto, description: 'Message types to switch on (true) or off (false); password reset is always on' })
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsNotEmpty()
  @IsObject()
  @ValidateNested()
  @Type(() => EnabledMessagesDto)
  enabled?: EnabledMessagesDto;

  @KeptOneOfField(CHANNEL_CHOICES, 'How messages are sent: email, sms or both')
  channel?: MessageChannelChoice;

  @ApiPropertyOptional({ type: [Number], example: [1, 3], description: 'Days before the appointment to send a reminder, each 1–7 and listed once; [] sends none' })
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsNotEmpty()
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  reminderLeadDays?: number[];

  @KeptOneOfField(REMINDER_TIMINGS, 'utc: one daily run at reminderTime UTC; local: at reminderTime in each service location’s time zone')
  reminderTiming?: ReminderTiming;

  @KeptFormattedText({ max: 20, example: '10:00', description: 'When reminders go out, HH:MM (24-hour)', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })
  reminderTime?: string;

  @NullableFormattedText({ max: 20, example: '21:00', description: 'Start of SMS quiet hours, HH:MM local to the service location; set together with smsQuietEnd, or both null' })
  smsQuietStart?: string | null;

  @NullableFormattedText({ max: 20, example: '08:00', description: 'End of SMS quiet hours, HH:MM; may be earlier than the start (overnight)' })
  smsQuietEnd?: string | null;

  @KeptBooleanField('Send a failed SMS by email when the contact has an email address')
  smsFallbackToEmail?: boolean;
}
