import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BookingCodesModule } from '../booking-codes/booking-codes.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { BookingChanges } from './booking-changes';
import { BookingPlacement } from './booking-placement';
import { BookingReader } from './booking-reader';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { IdempotencyService } from './idempotency.service';

@Module({
  imports: [AuditModule, BookingCodesModule, OutboxModule, SchedulingModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingChanges, BookingPlacement, BookingReader, IdempotencyService],
  exports: [BookingsService, BookingChanges, BookingReader],
})
export class BookingsModule {}
