import { Module } from '@nestjs/common';
import { RescheduleSlots } from '../booking-codes/reschedule-slots';
import { BookingsModule } from '../bookings/bookings.module';
import { IdempotencyService } from '../bookings/idempotency.service';
import { MessageSettingsModule } from '../message-settings/message-settings.module';
import { PortalAuthModule } from '../portal-auth/portal-auth.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { PortalAppearanceService } from './portal-appearance.service';
import { PortalBookingReader } from './portal-booking-reader';
import { PortalBookingsController } from './portal-bookings.controller';
import { PortalBookingsService } from './portal-bookings.service';
import { PortalCalendarService } from './portal-calendar.service';
import { PortalSchedulingController } from './portal-scheduling.controller';
import { PortalSchedulingService } from './portal-scheduling.service';

/**
 * The signed-in customer's portal: its appearance (for anyone), the schedule steps' choices, and
 * the contact's own bookings. Reuses the booking, scheduling and message-content services.
 */
@Module({
  imports: [PortalAuthModule, BookingsModule, SchedulingModule, MessageSettingsModule],
  controllers: [PortalSchedulingController, PortalBookingsController],
  providers: [PortalAppearanceService, PortalSchedulingService, PortalBookingReader, PortalBookingsService, PortalCalendarService, RescheduleSlots, IdempotencyService],
})
export class PortalBookingModule {}
