import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IMPORT_KINDS, ImportKind, ImportResult, ImportTemplate } from '@fieldbook/contracts';
import type { Request } from 'express';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { BadRequestError, NotFoundError } from '../common/domain-error';
import { requestTranslator } from '../common/error-body';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { ImportsService } from './imports.service';

function kindOf(text: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(text)) throw new NotFoundError('importKindNotFound', { kind: text });
  return text as ImportKind;
}

function flag(text: string | undefined): boolean {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw new BadRequestError('validation', {}, [{ field: 'dryRun', code: 'isBoolean' }]);
}

@ApiTags('imports')
@EnvironmentScoped()
@Controller('environments/:environmentId/imports/:kind')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get()
  @ApiOperation({ summary: 'The columns a CSV file of this kind may have', description: `Kinds: ${IMPORT_KINDS.join(', ')}.` })
  template(@Param('kind') kind: string): ImportTemplate {
    return this.imports.template(kindOf(kind));
  }

  @Post()
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV file (UTF-8, header row first, comma separated, RFC 4180 quoting), at most 10,000 rows', schema: { type: 'string' } })
  @ApiQuery({ name: 'dryRun', required: false, description: 'true: check and preview only; nothing is written' })
  @ApiOperation({
    summary: 'Import (or preview) a CSV file',
    description:
      'Every row is checked with the same rules as the create endpoint and matched by external_key; then all rows are written in one transaction, or none. Running the same file again updates instead of duplicating.',
  })
  @ApiUnprocessableEntityResponse({ description: 'Some rows have errors (listed with line numbers in `errors`); nothing was written' })
  run(
    @Param('kind') kind: string,
    @Query('dryRun') dryRun: string | undefined,
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<ImportResult> {
    return this.imports.run(kindOf(kind), body, flag(dryRun), requestTranslator(req), admin.id);
  }
}
