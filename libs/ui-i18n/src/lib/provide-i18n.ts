import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { I18N_OPTIONS, I18n, I18nOptions } from './i18n.service';

/** Provides the app-wide `I18n` speaking the negotiated language, with `options.namespace` as default namespace. */
export function provideI18n(options: I18nOptions): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: I18N_OPTIONS, useValue: options }, I18n]);
}
