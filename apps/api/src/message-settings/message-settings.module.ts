import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BrandingController } from './branding/branding.controller';
import { BrandingService } from './branding/branding.service';
import { MessageExclusionsController } from './exclusions/message-exclusions.controller';
import { MessageExclusionsService } from './exclusions/message-exclusions.service';
import { MessageContentService } from './message-content.service';
import { MessageSettingsController } from './message-settings.controller';
import { MessageSettingsService } from './message-settings.service';
import { ContentSnippetsController } from './snippets/content-snippets.controller';
import { ContentSnippetsService } from './snippets/content-snippets.service';
import { MessageTemplatesController } from './templates/message-templates.controller';
import { MessageTemplatesService } from './templates/message-templates.service';
import { TemplatePreviewService } from './templates/template-preview.service';

/**
 * What customers hear and how: message settings, exclusions, content snippets, branding and
 * template overrides. The message worker uses the two exported services.
 */
@Module({
  imports: [AuditModule],
  controllers: [MessageSettingsController, MessageExclusionsController, ContentSnippetsController, BrandingController, MessageTemplatesController],
  providers: [
    MessageSettingsService,
    MessageExclusionsService,
    ContentSnippetsService,
    BrandingService,
    MessageTemplatesService,
    TemplatePreviewService,
    MessageContentService,
  ],
  exports: [MessageSettingsService, MessageContentService],
})
export class MessageSettingsModule {}
