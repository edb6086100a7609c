import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BookingCodesController } from './booking-codes.controller';
import { BookingCodesService } from './booking-codes.service';

/**
 * Issuing, following and administering booking codes. It depends on no booking service, so the
 * bookings module can import it (a reschedule moves the codes' expiry); what customers do with a
 * code lives in BookingCodePortalModule, which uses the booking services.
 */
@Module({
  imports: [AuditModule],
  controllers: [BookingCodesController],
  providers: [BookingCodesService],
  exports: [BookingCodesService],
})
export class BookingCodesModule {}
