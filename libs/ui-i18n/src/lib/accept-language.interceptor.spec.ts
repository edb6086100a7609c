import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { acceptLanguageInterceptor } from './accept-language.interceptor';
import { I18n } from './i18n.service';
import { provideI18n } from './provide-i18n';

describe('acceptLanguageInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-CH']);
    TestBed.configureTestingModule({
      providers: [
        provideI18n({ namespace: 'common', storageKey: 'fieldbook.test.http' }),
        provideHttpClient(withInterceptors([acceptLanguageInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  it('asks the API for the language the app speaks', () => {
    http.get('/api/auth/session').subscribe();
    expect(backend.expectOne('/api/auth/session').request.headers.get('Accept-Language')).toBe('de');
  });

  it('follows a language switch on the next request', () => {
    TestBed.inject(I18n).use('es');
    http.post('/api/auth/sign-in', {}).subscribe();
    expect(backend.expectOne('/api/auth/sign-in').request.headers.get('Accept-Language')).toBe('es');
  });

  it('leaves an explicit Accept-Language alone', () => {
    http.get('/api/portal/x', { headers: { 'Accept-Language': 'fr' } }).subscribe();
    expect(backend.expectOne('/api/portal/x').request.headers.get('Accept-Language')).toBe('fr');
  });
});
