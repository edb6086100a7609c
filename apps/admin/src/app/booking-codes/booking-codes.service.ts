import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { BookingCode, BookingCodeListQuery, Page } from '@fieldbook/contracts';
import { Observable } from 'rxjs';
import { toParams } from '../shared/list-query';

/** The booking codes customers were sent, and what admins may do to them. */
@Injectable({ providedIn: 'root' })
export class BookingCodesService {
  private readonly http = inject(HttpClient);

  list(environmentId: string, query: BookingCodeListQuery): Observable<Page<BookingCode>> {
    return this.http.get<Page<BookingCode>>(base(environmentId), { params: toParams(query) });
  }

  extend(environmentId: string, codeId: string, expiresAt: string): Observable<BookingCode> {
    return this.http.post<BookingCode>(`${base(environmentId)}/${encodeURIComponent(codeId)}/extend`, { expiresAt });
  }

  expire(environmentId: string, codeId: string): Observable<BookingCode> {
    return this.http.post<BookingCode>(`${base(environmentId)}/${encodeURIComponent(codeId)}/expire`, {});
  }

  block(environmentId: string, codeId: string): Observable<BookingCode> {
    return this.http.post<BookingCode>(`${base(environmentId)}/${encodeURIComponent(codeId)}/block`, {});
  }
}

function base(environmentId: string): string {
  return `/api/environments/${encodeURIComponent(environmentId)}/booking-codes`;
}
