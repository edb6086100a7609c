import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { I18n } from './i18n.service';

/** Asks the API to answer (error messages included) in the language the app speaks. */
export const acceptLanguageInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.headers.has('Accept-Language')) return next(request);
  const language = inject(I18n).language();
  return next(request.clone({ setHeaders: { 'Accept-Language': language } }));
};
