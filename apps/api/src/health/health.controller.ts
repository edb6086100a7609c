import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthResponse, ReadyResponse } from '@fieldbook/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access';
import { pendingMigrations } from '../database/database-setup';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  health(): HealthResponse {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and every migration has run (503 otherwise)' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadyResponse> {
    try {
      const pending = await pendingMigrations(this.db);
      if (pending.length > 0) res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: pending.length === 0 ? 'ready' : 'not-ready', database: 'up', pendingMigrations: pending };
    } catch {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'not-ready', database: 'down', pendingMigrations: [] };
    }
  }
}
