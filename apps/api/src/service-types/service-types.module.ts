import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ServiceTypesController } from './service-types.controller';
import { ServiceTypesService } from './service-types.service';

@Module({ imports: [AuditModule], controllers: [ServiceTypesController], providers: [ServiceTypesService], exports: [ServiceTypesService] })
export class ServiceTypesModule {}
