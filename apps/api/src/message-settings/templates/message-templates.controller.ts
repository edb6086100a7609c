import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { MESSAGE_TYPES, MessageType, RenderedMessage, TemplateOverride } from '@fieldbook/contracts';
import { Language, SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { RequireRole } from '../../auth/access';
import { CurrentAdmin, CurrentEnvironment } from '../../common/current';
import { AdminPrincipal, EnvironmentAccess } from '../../common/request-context';
import { EnvironmentScoped } from '../../tenancy/environment-access.guard';
import { LanguagePipe, MessageTypePipe } from '../message-input';
import { PutTemplateOverrideDto, TemplatePreviewDto } from './dto/template-override.dto';
import { MessageTemplatesService } from './message-templates.service';
import { TemplatePreviewService } from './template-preview.service';

const PATH_PARAMS = applyDecorators(ApiParam({ name: 'type', enum: [...MESSAGE_TYPES] }), ApiParam({ name: 'language', enum: [...SUPPORTED_LANGUAGES] }));

@ApiTags('message settings')
@EnvironmentScoped()
@Controller('environments/:environmentId/message-templates')
export class MessageTemplatesController {
  constructor(
    private readonly templates: MessageTemplatesService,
    private readonly previews: TemplatePreviewService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The own subjects and intros stored per message type and language' })
  list(): Promise<TemplateOverride[]> {
    return this.templates.list();
  }

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Render a message with sample booking data in this environment’s branding and snippets; subject and intro preview unsaved text' })
  preview(@Body() body: TemplatePreviewDto, @CurrentEnvironment() environment: EnvironmentAccess): Promise<RenderedMessage> {
    return this.previews.preview(body, environment);
  }

  @Put(':type/:language')
  @RequireRole('owner', 'admin')
  @PATH_PARAMS
  @ApiOperation({ summary: 'Create or replace the own subject and/or intro of a message type in one language (placeholders must be known)' })
  put(
    @Param('type', new MessageTypePipe()) type: MessageType,
    @Param('language', new LanguagePipe()) language: Language,
    @Body() body: PutTemplateOverrideDto,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<TemplateOverride> {
    return this.templates.put(type, language, body, admin.id);
  }

  @Delete(':type/:language')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @PATH_PARAMS
  @ApiOperation({ summary: 'Go back to the standard subject and intro of a message type in one language' })
  remove(@Param('type', new MessageTypePipe()) type: MessageType, @Param('language', new LanguagePipe()) language: Language, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.templates.remove(type, language, admin.id);
  }
}
