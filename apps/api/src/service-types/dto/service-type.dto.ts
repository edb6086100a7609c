import {
  CreateServiceTypeRequest,
  DisplayNames,
  ServiceTypeListQuery,
  ServiceTypeSkillRequirement,
  UpdateServiceTypeRequest,
} from '@fieldbook/contracts';
import { SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../common/list-query';
import { BooleanQueryField, NestedArrayField, UuidField } from '../../common/structured-fields';
import { IntField, TextField } from '../../common/validation';

export const DISPLAY_NAME_MAX = 120;

function DisplayNamesField() {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: { type: 'string', minLength: 1, maxLength: DISPLAY_NAME_MAX },
      example: { en: 'Furnace tune-up', de: 'Heizungswartung' },
      description: `Name shown to customers, by language (${SUPPORTED_LANGUAGES.join(', ')}); a language left out shows \`name\`. Replaces the whole set.`,
    }),
    IsOptional(),
    IsObject(),
  );
}

export class ServiceTypeSkillRequirementDto implements ServiceTypeSkillRequirement {
  @UuidField()
  skillId: string;

  @IntField({ min: 1, max: 5 })
  minProficiency: number;
}

export class CreateServiceTypeDto implements CreateServiceTypeRequest {
  @TextField({ max: 200, example: 'Furnace tune-up' })
  name: string;

  @TextField({ max: 2000, optional: true })
  description?: string;

  @IntField({ min: 5, max: 1440 })
  durationMinutes: number;

  @ApiPropertyOptional({ default: false, description: 'Whether customers can book it in the portal' })
  @IsOptional()
  @IsBoolean()
  portalEnabled?: boolean;

  @DisplayNamesField()
  displayNames?: DisplayNames;

  @NestedArrayField(ServiceTypeSkillRequirementDto, 'Skills a technician needs, each at a minimum proficiency of 1–5')
  requiredSkills?: ServiceTypeSkillRequirementDto[];

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateServiceTypeDto implements UpdateServiceTypeRequest {
  @TextField({ max: 200, optional: true })
  name?: string;

  @TextField({ max: 2000, optional: true, description: 'null removes it' })
  description?: string | null;

  @IntField({ min: 5, max: 1440, optional: true })
  durationMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  portalEnabled?: boolean;

  @DisplayNamesField()
  displayNames?: DisplayNames;

  @NestedArrayField(ServiceTypeSkillRequirementDto, 'Replaces the required skills; an empty array requires none')
  requiredSkills?: ServiceTypeSkillRequirementDto[];

  @TextField({ max: 100, optional: true, description: 'null removes it' })
  externalKey?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (refused while open work orders use it); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ServiceTypeListQueryDto extends ListQueryDto implements ServiceTypeListQuery {
  @BooleanQueryField('Only service types customers can (true) or cannot (false) book in the portal')
  portalEnabled?: boolean;

  @BooleanQueryField('Only active (true) or only deactivated (false) service types; overrides includeInactive')
  active?: boolean;
}
