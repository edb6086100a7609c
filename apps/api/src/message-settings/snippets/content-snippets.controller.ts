import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ContentSnippet, STANDARD_SNIPPET_KEYS } from '@fieldbook/contracts';
import { Language, SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin } from '../../common/current';
import { AdminPrincipal } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { LanguagePipe, SNIPPET_KEY, SnippetKeyPipe } from '../message-input';
import { ContentSnippetsService } from './content-snippets.service';
import { PutContentSnippetDto } from './dto/content-snippet.dto';

const PATH_PARAMS = applyDecorators(
  ApiParam({
    name: 'key',
    schema: { type: 'string', pattern: SNIPPET_KEY.source },
    example: 'company_name',
    description: `A standard key (${STANDARD_SNIPPET_KEYS.join(', ')}) or your own: lower-case letters, digits and _, starting with a letter, at most 40`,
  }),
  ApiParam({ name: 'language', enum: [...SUPPORTED_LANGUAGES] }),
);

@ApiTags('message settings')
@EnvironmentScoped()
@Controller('environments/:environmentId/content-snippets')
export class ContentSnippetsController {
  constructor(private readonly snippets: ContentSnippetsService) {}

  @Get()
  @ApiOperation({ summary: 'Every stored content snippet, by key and language' })
  list(): Promise<ContentSnippet[]> {
    return this.snippets.list();
  }

  @Put(':key/:language')
  @RequireRole('owner', 'admin')
  @PATH_PARAMS
  @ApiOperation({ summary: 'Create or replace the text of a snippet in one language' })
  put(
    @Param('key', new SnippetKeyPipe()) key: string,
    @Param('language', new LanguagePipe()) language: Language,
    @Body() body: PutContentSnippetDto,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<ContentSnippet> {
    return this.snippets.put(key, language, body.text, admin.id);
  }

  @Delete(':key/:language')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @PATH_PARAMS
  @ApiOperation({ summary: 'Delete the text of a snippet in one language (messages then use the English text, or the default)' })
  remove(@Param('key', new SnippetKeyPipe()) key: string, @Param('language', new LanguagePipe()) language: Language, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.snippets.remove(key, language, admin.id);
  }
}
