import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SkillsController } from './skills.controller';
import { SkillsService } from './skills.service';

@Module({ imports: [AuditModule], controllers: [SkillsController], providers: [SkillsService], exports: [SkillsService] })
export class SkillsModule {}
