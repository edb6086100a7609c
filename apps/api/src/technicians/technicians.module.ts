import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TechniciansController } from './technicians.controller';
import { TechniciansService } from './technicians.service';
import { WorkScheduleController } from './work-schedule.controller';
import { WorkScheduleService } from './work-schedule.service';

@Module({
  imports: [AuditModule],
  controllers: [TechniciansController, WorkScheduleController],
  providers: [TechniciansService, WorkScheduleService],
  exports: [TechniciansService, WorkScheduleService],
})
export class TechniciansModule {}
