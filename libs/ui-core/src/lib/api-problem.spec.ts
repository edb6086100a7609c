import { HttpErrorResponse } from '@angular/common/http';
import { toApiProblem } from './api-problem';

const translate = (key: string) => `«${key}»`;

describe('toApiProblem', () => {
  it('shows the API message and one message per field, as the API wrote them', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        error: 'Bad Request',
        code: 'validation',
        message: 'Some fields are not valid.',
        details: [
          { field: 'email', code: 'isEmail', message: 'Email must be a valid email address.' },
          { field: 'password', code: 'passwordTooShort', message: 'Use at least 12 characters.' },
          { field: 'email', code: 'maxLength', message: 'Email must be at most 320 characters.' },
        ],
      },
    });
    expect(toApiProblem(error, translate)).toEqual({
      status: 400,
      code: 'validation',
      message: 'Some fields are not valid.',
      fields: { email: 'Email must be a valid email address.', password: 'Use at least 12 characters.' },
    });
  });

  it('keeps the code of a domain error such as the last owner rule', () => {
    const error = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', code: 'lastOwner', message: 'The organization must keep at least one owner.' },
    });
    const problem = toApiProblem(error, translate);
    expect(problem.code).toBe('lastOwner');
    expect(problem.message).toBe('The organization must keep at least one owner.');
    expect(problem.fields).toEqual({});
  });

  it('explains a request that never reached the server', () => {
    const error = new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });
    expect(toApiProblem(error, translate)).toEqual({ status: 0, message: '«common:errors.network»', fields: {} });
  });

  it('does not show an answer that is not an API error body (a proxy page)', () => {
    const error = new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' });
    expect(toApiProblem(error, translate)).toEqual({ status: 502, message: '«common:errors.unexpected»', fields: {} });
  });

  it('handles something thrown that is not an HTTP error', () => {
    expect(toApiProblem(new TypeError('boom'), translate).message).toBe('«common:errors.unexpected»');
  });
});
