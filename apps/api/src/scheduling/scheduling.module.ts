import { Module } from '@nestjs/common';
import { SchedulingData } from './scheduling-data';
import { ServiceLocationResolver } from './service-location';
import { SlotsController } from './slots.controller';
import { SlotsService } from './slots.service';

@Module({
  controllers: [SlotsController],
  providers: [SchedulingData, ServiceLocationResolver, SlotsService],
  exports: [SchedulingData, ServiceLocationResolver, SlotsService],
})
export class SchedulingModule {}
