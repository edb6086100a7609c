import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { IdempotencyService } from '../bookings/idempotency.service';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { BookingCodePortalController } from './booking-code-portal.controller';
import { BookingCodePortalService } from './booking-code-portal.service';
import { RescheduleSlots } from './reschedule-slots';

/** What a customer does with a booking code in the portal: see the booking, find other times, reschedule, cancel. */
@Module({
  imports: [BookingsModule, SchedulingModule],
  controllers: [BookingCodePortalController],
  providers: [BookingCodePortalService, IdempotencyService, RescheduleSlots],
})
export class BookingCodePortalModule {}
