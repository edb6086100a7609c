import { ValidationError } from 'class-validator';
import { toFieldIssues } from './validation';

function error(property: string, constraints: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('validation details', () => {
  it('turns class-validator errors into field issues with parameters', () => {
    expect(
      toFieldIssues([
        error('name', { maxLength: 'name must be shorter than or equal to 200 characters' }),
        error('role', { isIn: 'role must be one of the following values: owner, admin, dispatcher' }),
        error('extra', { whitelistValidation: 'property extra should not exist' }),
        error('when', { isDateString: 'when must be a valid ISO 8601 date string' }),
      ]),
    ).toEqual([
      { field: 'name', code: 'maxLength', params: { max: '200' } },
      { field: 'role', code: 'isIn', params: { values: 'owner, admin, dispatcher' } },
      { field: 'extra', code: 'unknownField', params: {} },
      { field: 'when', code: 'invalid', params: {} },
    ]);
  });

  it('reads the limit from the sentence, not a digit in the field name', () => {
    expect(toFieldIssues([error('addressLine1', { maxLength: 'addressLine1 must be shorter than or equal to 200 characters' })])).toEqual([
      { field: 'addressLine1', code: 'maxLength', params: { max: '200' } },
    ]);
    expect(toFieldIssues([error('line2', { min: 'line2 must not be less than -90' })])).toEqual([{ field: 'line2', code: 'min', params: { min: '-90' } }]);
  });

  it('reports only the first problem of a field, and nested fields by path', () => {
    expect(
      toFieldIssues([error('address', {}, [error('city', { isNotEmpty: 'city should not be empty', isString: 'city must be a string' })])]),
    ).toEqual([{ field: 'address.city', code: 'isNotEmpty', params: {} }]);
  });
});
